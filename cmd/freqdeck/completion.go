package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
)

func newCompletionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish",
		Short: "Print a shell completion script",
		Long: "completion prints a script that makes your shell complete freqdeck's commands,\n" +
			"flags, client commands and configured bot names. Load it from your shell's\n" +
			"start-up file, as the examples show.",
		Example: "  # bash (~/.bashrc)\n" +
			"  source <(freqdeck completion bash)\n\n" +
			"  # zsh (~/.zshrc; compinit must be loaded)\n" +
			"  source <(freqdeck completion zsh)\n\n" +
			"  # fish\n" +
			"  freqdeck completion fish > ~/.config/fish/completions/freqdeck.fish",
		Args:                  cobra.ExactArgs(1),
		ValidArgs:             []string{"bash", "zsh", "fish"},
		DisableFlagsInUseLine: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			root, out := cmd.Root(), cmd.OutOrStdout()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(out, true)
			case "zsh":
				return root.GenZshCompletion(out)
			case "fish":
				return root.GenFishCompletion(out, true)
			default:
				return &exitError{code: exitUsage, err: fmt.Errorf("unknown shell %q: want bash, zsh or fish", args[0])}
			}
		},
	}
}

// completeBotNames completes --bot with the names of the configured bots.
func completeBotNames(getenv func(string) string, configPath *string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		cfg, err := config.Load(*configPath, getenv)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		names := make([]string, 0, len(cfg.Bots))
		for _, b := range cfg.Bots {
			names = append(names, b.Name)
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	}
}

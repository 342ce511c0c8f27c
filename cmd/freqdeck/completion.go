package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
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
				return cli.Usage(fmt.Errorf("unknown shell %q: want bash, zsh or fish", args[0]))
			}
		},
	}
}

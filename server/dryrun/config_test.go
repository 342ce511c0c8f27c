package dryrun

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

func TestDefaultConfigIsValid(t *testing.T) {
	t.Parallel()
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestValidateNamesTheProblem(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"stake", func(c *Config) { c.StakeAmount = FixedStake(0) }, "stake_amount"},
		{"unlimited without max", func(c *Config) { c.MaxOpenTrades = -1 }, "finite max_open_trades"},
		{"wallet", func(c *Config) { c.DryRunWallet = 0 }, "dry_run_wallet"},
		{"timeframe", func(c *Config) { c.Timeframe = "5x" }, "timeframe"},
		{"no pairs", func(c *Config) { c.Pairs = nil }, "at least one pair"},
		{"bad pair", func(c *Config) { c.Pairs = []string{"BTCUSDT"} }, `"BTCUSDT" is not BASE/QUOTE`},
		{"other quote", func(c *Config) { c.Pairs = []string{"ETH/BTC"} }, "stake_currency USDT"},
		{"duplicate", func(c *Config) { c.Pairs = []string{"ETH/USDT", "ETH/USDT"} }, "listed twice"},
		{"blacklist", func(c *Config) { c.Blacklist = []string{"(x"} }, "not a valid wildcard"},
		{"stoploss", func(c *Config) { c.Stoploss = 0.1 }, "stoploss"},
		{"roi key", func(c *Config) { c.MinimalROI = map[string]float64{"ten": 0.1} }, `key "ten"`},
		{"order type", func(c *Config) { c.OrderTypes.Exit = "stop" }, "order_types.exit"},
		{"timeout unit", func(c *Config) { c.UnfilledTimeout.Unit = "hours" }, "unfilledtimeout.unit"},
		{"state", func(c *Config) { c.InitialState = "asleep" }, "initial_state"},
		{"mode", func(c *Config) { c.Market.Mode = "live" }, "market.mode"},
		{"replay dir", func(c *Config) { c.Market.Mode = "replay" }, "market.data_dir"},
		{"speed", func(c *Config) { c.Market.Speed = 0 }, "market.speed"},
		{"ema", func(c *Config) { c.Strategy.EMASlow = 3 }, "ema_fast < ema_slow"},
		{"rsi bound", func(c *Config) { c.Strategy.RSIExit = 120 }, "strategy.rsi_exit"},
		{"guard", func(c *Config) { c.Protections.StoplossGuard.StopCandles = 0 }, "stop_candles"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			c.edit(&cfg)
			err := cfg.Validate()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to mention %q", err, c.want)
			}
		})
	}
}

func TestConfigDecodesFromTOML(t *testing.T) {
	t.Parallel()
	const doc = `
bot_name = "paper"
stake_amount = "unlimited"
max_open_trades = 4
dry_run_wallet = 500
pairs = ["BTC/USDT", "ETH/USDT"]
[minimal_roi]
"0" = 0.05
"30" = 0.01
[market]
mode = "simulated"
seed = 7
speed = 120
[protections.stoploss_guard]
trade_limit = 4
`
	cfg := DefaultConfig()
	md, err := toml.Decode(doc, &cfg)
	if err != nil {
		t.Fatal(err)
	}
	if und := md.Undecoded(); len(und) != 0 {
		t.Fatalf("undecoded keys %v", und)
	}
	if !cfg.StakeAmount.Unlimited || cfg.MaxOpenTrades != 4 || cfg.Market.Seed != 7 || cfg.Market.Speed != 120 ||
		cfg.DryRunWallet != 500 || cfg.Protections.StoplossGuard.TradeLimit != 4 {
		t.Fatalf("decoded %+v", cfg)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	for doc, want := range map[string]StakeAmount{
		"stake_amount = 25":     FixedStake(25),
		"stake_amount = 12.5":   FixedStake(12.5),
		`stake_amount = "12.5"`: FixedStake(12.5),
	} {
		var c Config
		if _, err := toml.Decode(doc, &c); err != nil || c.StakeAmount != want {
			t.Fatalf("%s: %+v, %v", doc, c.StakeAmount, err)
		}
	}
	var c Config
	if _, err := toml.Decode(`stake_amount = "lots"`, &c); err == nil {
		t.Fatal("stake_amount = \"lots\" accepted")
	}
	var buf strings.Builder
	if err := toml.NewEncoder(&buf).Encode(DefaultConfig()); err != nil || !strings.Contains(buf.String(), `stake_amount = "unlimited"`) {
		t.Fatalf("encoded default config: %v\n%s", err, buf.String())
	}
}

func TestParseTimeframe(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]time.Duration{
		"1m": time.Minute, "5m": 5 * time.Minute, "4h": 4 * time.Hour, "1d": 24 * time.Hour, "1w": 7 * 24 * time.Hour,
		"365d": MaxTimeframe, "525600m": MaxTimeframe, "52w": 52 * 7 * 24 * time.Hour, "05m": 5 * time.Minute, "1M": 30 * 24 * time.Hour, "12M": 360 * 24 * time.Hour,
	} {
		if got, err := ParseTimeframe(in); err != nil || got != want {
			t.Fatalf("%s: %v, %v", in, got, err)
		}
	}
	for bad, why := range map[string]string{
		"": "invalid", "m": "invalid", "0m": "at least 1", "-5m": "digits only", "+5m": "digits only", " 5m": "digits only",
		"5y": "use s, m, h, d, w or M", "366d": "longer than", "13M": "longer than", "53w": "longer than", "525601m": "longer than",
		"1077000000m": "longer than", "9223372036854775807s": "longer than", "99999999999999999999m": "longer than",
	} {
		_, err := ParseTimeframe(bad)
		if err == nil || !strings.Contains(err.Error(), why) || !strings.Contains(err.Error(), fmt.Sprintf("%q", bad)) {
			t.Fatalf("%q: %v, want an error naming it and saying %q", bad, err, why)
		}
	}
}

func FuzzParseTimeframe(f *testing.F) {
	for _, s := range []string{"5m", "1h", "1d", "", "0m", "99999999999999999999m", "-1h", "1\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseTimeframe(s)
		if err == nil && (d <= 0 || d > MaxTimeframe) {
			t.Fatalf("%q parsed to %v", s, d)
		}
	})
}

func FuzzStakeAmountText(f *testing.F) {
	for _, s := range []string{"unlimited", "UNLIMITED", "100", "12.5", "", "NaN", "1e400", "abc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var a StakeAmount
		if err := a.UnmarshalText([]byte(s)); err != nil {
			return
		}
		var back StakeAmount
		if err := back.UnmarshalText([]byte(a.String())); err != nil || (back != a && a.Value == a.Value) {
			t.Fatalf("%q → %+v → %q → %+v, %v", s, a, a.String(), back, err)
		}
	})
}

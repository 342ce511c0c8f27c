package apiclient

import (
	"encoding/json"
	"fmt"
)

// PairHistory is the body of /pair_candles (and /pair_history): a row-major
// analyzed dataframe plus signal counts. Cells are JSON scalars: dates as ISO
// strings, NaN as null.
type PairHistory struct {
	Strategy          string           `json:"strategy"`
	Pair              string           `json:"pair"`
	Timeframe         string           `json:"timeframe"`
	TimeframeMs       int64            `json:"timeframe_ms"`
	Columns           []string         `json:"columns"`
	AllColumns        []string         `json:"all_columns"`
	Data              [][]any          `json:"data"`
	Annotations       []map[string]any `json:"annotations"`
	Length            int              `json:"length"`
	BuySignals        int              `json:"buy_signals"`
	SellSignals       int              `json:"sell_signals"`
	EnterLongSignals  int              `json:"enter_long_signals"`
	ExitLongSignals   int              `json:"exit_long_signals"`
	EnterShortSignals int              `json:"enter_short_signals"`
	ExitShortSignals  int              `json:"exit_short_signals"`
	LastAnalyzed      ISOTime          `json:"last_analyzed"`
	LastAnalyzedTS    int64            `json:"last_analyzed_ts"` // seconds
	DataStart         string           `json:"data_start"`
	DataStartTS       int64            `json:"data_start_ts"` // ms
	DataStop          string           `json:"data_stop"`
	DataStopTS        int64            `json:"data_stop_ts"` // ms
}

// DataFrame is a pandas DataFrame as the message WebSocket carries it:
// {"__type__": "dataframe", "__value__": "<to_json(orient='split') string>"}.
// Index and the date column hold epoch milliseconds.
type DataFrame struct {
	Columns []string `json:"columns"`
	Index   []int64  `json:"index"`
	Data    [][]any  `json:"data"`
}

type dataFrameEnvelope struct {
	Type  string `json:"__type__"`
	Value string `json:"__value__"`
}

// MarshalJSON implements json.Marshaler with freqtrade's double encoding.
func (d DataFrame) MarshalJSON() ([]byte, error) {
	type plain DataFrame
	p := plain(d)
	if p.Columns == nil {
		p.Columns = []string{}
	}
	if p.Index == nil {
		p.Index = []int64{}
	}
	if p.Data == nil {
		p.Data = [][]any{}
	}
	inner, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("apiclient: encode dataframe: %w", err)
	}
	return json.Marshal(dataFrameEnvelope{Type: "dataframe", Value: string(inner)})
}

// UnmarshalJSON implements json.Unmarshaler for the double-encoded form.
func (d *DataFrame) UnmarshalJSON(b []byte) error {
	var env dataFrameEnvelope
	if err := json.Unmarshal(b, &env); err != nil {
		return fmt.Errorf("apiclient: dataframe envelope: %w", err)
	}
	if env.Type != "dataframe" {
		return fmt.Errorf("apiclient: dataframe envelope has __type__ %q", env.Type)
	}
	type plain DataFrame
	var p plain
	if err := json.Unmarshal([]byte(env.Value), &p); err != nil {
		return fmt.Errorf("apiclient: dataframe value: %w", err)
	}
	for i, row := range p.Data {
		if len(row) != len(p.Columns) {
			return fmt.Errorf("apiclient: dataframe row %d has %d cells for %d columns", i, len(row), len(p.Columns))
		}
	}
	*d = DataFrame(p)
	return nil
}

// Column returns the index of the named column, or -1.
func (d DataFrame) Column(name string) int {
	for i, c := range d.Columns {
		if c == name {
			return i
		}
	}
	return -1
}

package plot

import (
	"time"

	"github.com/NimbleMarkets/ntcharts/canvas/runes"
	"github.com/NimbleMarkets/ntcharts/linechart/timeserieslinechart"
	"github.com/charmbracelet/lipgloss"
)

// LineStyles colour a line chart: the line, its axes and their labels.
type LineStyles struct {
	Line, Axis, Label lipgloss.Style
}

// Point is one value at a time.
type Point struct {
	At    time.Time
	Value float64
}

// The smallest line chart: room for the labels of both axes and a few
// rows of line.
const (
	LineMinWidth  = 24
	LineMinHeight = 5
)

// Line draws points, oldest first, as a line over time in w×h cells with
// ntcharts' time-series line chart: the value axis on the left labelled by
// value, the time axis below labelled by date. It returns nil below
// LineMinWidth × LineMinHeight or without two points.
func Line(points []Point, w, h int, st LineStyles, value func(float64) string) []string {
	if w < LineMinWidth || h < LineMinHeight || len(points) < 2 {
		return nil
	}
	lo, hi := points[0].Value, points[0].Value
	for _, p := range points {
		lo, hi = min(lo, p.Value), max(hi, p.Value)
	}
	if hi == lo {
		lo, hi = lo-1, hi+1
	}
	from, to := points[0].At, points[len(points)-1].At
	if !to.After(from) {
		to = from.Add(time.Minute)
	}
	lc := timeserieslinechart.New(w, h,
		timeserieslinechart.WithTimeRange(from, to),
		timeserieslinechart.WithYRange(lo, hi),
		timeserieslinechart.WithXYSteps(12, 2),
		timeserieslinechart.WithAxesStyles(st.Axis, st.Label),
		timeserieslinechart.WithStyle(st.Line),
		timeserieslinechart.WithLineStyle(runes.ThinLineStyle),
		timeserieslinechart.WithXLabelFormatter(func(_ int, v float64) string {
			return time.Unix(int64(v), 0).UTC().Format("01-02")
		}),
		timeserieslinechart.WithYLabelFormatter(func(_ int, v float64) string { return value(v) }),
	)
	for _, p := range points {
		lc.Push(timeserieslinechart.TimePoint{Time: p.At, Value: p.Value})
	}
	lc.Draw()
	return fitted(Lines(&lc.Canvas), w)
}

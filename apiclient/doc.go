// Package apiclient is the typed Go client for the freqtrade REST API and its
// message WebSocket, and the single Go definition of every JSON shape on that
// wire. The freqdeck server encodes its responses with these same types, so the
// client and the server cannot drift apart.
//
// Conventions that follow freqtrade exactly:
//   - nullable fields are pointers; NaN and ±Inf arrive as JSON null;
//   - *_timestamp fields are milliseconds since the epoch (except /health and
//     last_analyzed_ts, which are seconds);
//   - trade, order and lock dates are "YYYY-MM-DD HH:MM:SS" strings (UTC);
//   - stake_amount in /show_config is a string.
//
// This package imports no other freqdeck package.
package apiclient

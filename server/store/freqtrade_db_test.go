package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

// freqtradeSchema is the DDL SQLAlchemy emits for freqtrade's models
// (freqtrade-api.md §5), plus a legacy column (open_order_id) and a column
// from a hypothetical newer freqtrade that is NOT NULL without a default.
const freqtradeSchema = `
CREATE TABLE trades (
	id INTEGER NOT NULL, exchange VARCHAR(25) NOT NULL, pair VARCHAR(25) NOT NULL,
	base_currency VARCHAR(25), stake_currency VARCHAR(25), is_open BOOLEAN NOT NULL,
	fee_open FLOAT NOT NULL, fee_open_cost FLOAT, fee_open_currency VARCHAR(25),
	fee_close FLOAT NOT NULL, fee_close_cost FLOAT, fee_close_currency VARCHAR(25),
	open_rate FLOAT NOT NULL, open_rate_requested FLOAT, open_trade_value FLOAT NOT NULL,
	close_rate FLOAT, close_rate_requested FLOAT, realized_profit FLOAT NOT NULL,
	close_profit FLOAT, close_profit_abs FLOAT, stake_amount FLOAT NOT NULL, max_stake_amount FLOAT,
	amount FLOAT NOT NULL, amount_requested FLOAT, open_date DATETIME NOT NULL, close_date DATETIME,
	stop_loss FLOAT NOT NULL, stop_loss_pct FLOAT, initial_stop_loss FLOAT, initial_stop_loss_pct FLOAT,
	is_stop_loss_trailing BOOLEAN NOT NULL, max_rate FLOAT, min_rate FLOAT,
	exit_reason VARCHAR(255), exit_order_status VARCHAR(100), strategy VARCHAR(100) NOT NULL,
	enter_tag VARCHAR(255), timeframe INTEGER, trading_mode VARCHAR(7), amount_precision FLOAT,
	price_precision FLOAT, precision_mode INTEGER, precision_mode_price INTEGER, contract_size FLOAT,
	leverage FLOAT NOT NULL, is_short BOOLEAN NOT NULL, liquidation_price FLOAT,
	interest_rate FLOAT NOT NULL, funding_fees FLOAT, funding_fee_running FLOAT,
	record_version INTEGER NOT NULL,
	open_order_id VARCHAR(255),
	future_col INTEGER NOT NULL,
	PRIMARY KEY (id)
);
CREATE INDEX ix_trades_pair ON trades (pair);
CREATE INDEX ix_trades_is_open ON trades (is_open);
CREATE TABLE orders (
	id INTEGER NOT NULL, ft_trade_id INTEGER, ft_order_side VARCHAR(25) NOT NULL,
	ft_pair VARCHAR(25) NOT NULL, ft_is_open BOOLEAN NOT NULL, ft_amount FLOAT NOT NULL,
	ft_price FLOAT NOT NULL, ft_cancel_reason VARCHAR(255), order_id VARCHAR(255) NOT NULL,
	status VARCHAR(255), symbol VARCHAR(25), order_type VARCHAR(50), side VARCHAR(25),
	price FLOAT, average FLOAT, amount FLOAT, filled FLOAT, remaining FLOAT, cost FLOAT,
	stop_price FLOAT, order_date DATETIME, order_filled_date DATETIME, order_update_date DATETIME,
	funding_fee FLOAT, ft_fee_base FLOAT, ft_order_tag VARCHAR(255),
	PRIMARY KEY (id), CONSTRAINT _order_pair_order_id UNIQUE (ft_pair, order_id),
	FOREIGN KEY(ft_trade_id) REFERENCES trades (id)
);
CREATE TABLE pairlocks (
	id INTEGER NOT NULL, pair VARCHAR(25) NOT NULL, side VARCHAR(25) NOT NULL,
	reason VARCHAR(255), lock_time DATETIME NOT NULL, lock_end_time DATETIME NOT NULL,
	active BOOLEAN NOT NULL, PRIMARY KEY (id)
);
CREATE TABLE "KeyValueStore" (
	id INTEGER NOT NULL, "key" VARCHAR(25) NOT NULL, value_type VARCHAR(20) NOT NULL,
	string_value VARCHAR(255), datetime_value DATETIME, float_value FLOAT, int_value INTEGER,
	PRIMARY KEY (id)
);
CREATE TABLE trade_custom_data (
	id INTEGER NOT NULL, ft_trade_id INTEGER, cd_key VARCHAR(255) NOT NULL,
	cd_type VARCHAR(25) NOT NULL, cd_value TEXT NOT NULL, created_at DATETIME NOT NULL,
	updated_at DATETIME, PRIMARY KEY (id), CONSTRAINT _trade_id_cd_key UNIQUE (ft_trade_id, cd_key),
	FOREIGN KEY(ft_trade_id) REFERENCES trades (id)
);
INSERT INTO trades VALUES (1,'binance','ETH/USDT','ETH','USDT',0,0.001,0.1,'USDT',0.001,0.102,'USDT',
	2000.0,2000.0,100.1,2040.0,2040.0,1.9,0.019,1.9,100.0,100.0,0.05,0.05,
	'2024-05-01 10:00:00.000000','2024-05-01 11:30:00.500000',1900.0,-0.05,1900.0,-0.05,0,2050.0,1990.0,
	'roi','closed','SampleStrategy','rsi_cross',5,'SPOT',NULL,NULL,NULL,NULL,NULL,1.0,0,NULL,0.0,0.0,NULL,2,
	NULL,7);
INSERT INTO trades VALUES (2,'binance','BTC/USDT','BTC','USDT',1,0.001,NULL,NULL,0.001,NULL,NULL,
	60000.0,60000.0,100.1,NULL,NULL,0.0,NULL,NULL,100.0,100.0,0.0016666,0.0016666,
	'2024-05-01 11:00:00',NULL,57000.0,-0.05,57000.0,-0.05,0,60100.0,59900.0,
	NULL,NULL,'SampleStrategy',NULL,5,'SPOT',NULL,NULL,NULL,NULL,NULL,1.0,0,NULL,0.0,NULL,NULL,2,
	'dry_run_buy_ETH/USDT_1714557600.0',7);
INSERT INTO orders VALUES (1,1,'buy','ETH/USDT',0,0.05,2000.0,NULL,'dry_run_buy_1','closed','ETH/USDT','limit','buy',
	2000.0,2000.0,0.05,0.05,0.0,100.0,NULL,'2024-05-01 10:00:00.000000','2024-05-01 10:00:05.000000',NULL,NULL,NULL,'rsi_cross');
INSERT INTO orders VALUES (2,1,'sell','ETH/USDT',0,0.05,2040.0,NULL,'dry_run_sell_2','closed','ETH/USDT','limit','sell',
	2040.0,2040.0,0.05,0.05,0.0,102.0,NULL,'2024-05-01 11:30:00.000000','2024-05-01 11:30:00.500000',NULL,NULL,NULL,NULL);
INSERT INTO orders VALUES (3,2,'buy','BTC/USDT',1,0.0016666,60000.0,NULL,'dry_run_buy_3','open','BTC/USDT','limit','buy',
	60000.0,NULL,0.0016666,0.0,0.0016666,0.0,NULL,'2024-05-01 11:00:00.000000',NULL,NULL,NULL,NULL,NULL);
INSERT INTO pairlocks VALUES (1,'ETH/USDT','*','Cooldown period for 2 candles.','2024-05-01 11:30:00.000000','2024-05-01 11:40:00.000000',1);
INSERT INTO "KeyValueStore" VALUES (1,'bot_start_time','datetime',NULL,'2024-05-01 10:00:00.000000',NULL,NULL);
INSERT INTO trade_custom_data VALUES (1,2,'Note','str','hello','2024-05-01 11:00:00.000000',NULL);
`

func TestOpensFreqtradeDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tradesv3.dryrun.sqlite")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(ctx, freqtradeSchema); err != nil {
		t.Fatal(err)
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	trades, err := s.Trades(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(trades) != 2 {
		t.Fatalf("got %d trades, want 2", len(trades))
	}
	closed, open := trades[0], trades[1]
	wantClose := time.Date(2024, 5, 1, 11, 30, 0, 500000000, time.UTC)
	if closed.IsOpen || closed.CloseDate == nil || !closed.CloseDate.Equal(wantClose) || *closed.ExitReason != "roi" {
		t.Fatalf("closed trade: %+v", closed)
	}
	if len(closed.Orders) != 2 || closed.Orders[1].Side != "sell" || *closed.Orders[1].Cost != 102 {
		t.Fatalf("closed trade orders: %+v", closed.Orders)
	}
	if !open.IsOpen || open.EnterTag != nil || !open.OpenDate.Equal(time.Date(2024, 5, 1, 11, 0, 0, 0, time.UTC)) {
		t.Fatalf("open trade: %+v", open)
	}
	if len(open.Orders) != 1 || !open.Orders[0].IsOpen || open.Orders[0].Average != nil {
		t.Fatalf("open trade orders: %+v", open.Orders)
	}

	locks, err := s.Locks(ctx, time.Date(2024, 5, 1, 11, 35, 0, 0, time.UTC))
	if err != nil || len(locks) != 1 || locks[0].Pair != "ETH/USDT" {
		t.Fatalf("locks = %+v, %v", locks, err)
	}
	kv, err := s.KV(ctx, KeyBotStartTime)
	if err != nil || kv == nil || !kv.Datetime.Equal(time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)) {
		t.Fatalf("bot_start_time = %+v, %v", kv, err)
	}
	cd, err := s.CustomData(ctx, 2, "note")
	if err != nil || len(cd) != 1 || cd[0].Value != "hello" {
		t.Fatalf("custom data = %+v, %v", cd, err)
	}

	// New rows must be writable although the table has a NOT NULL column
	// this package does not know.
	tr := sampleTrade()
	tr.Orders[0].OrderID = "dry_run_buy_99"
	saveTrade(t, s, tr)
	if tr.ID != 3 {
		t.Fatalf("new trade id = %d, want 3", tr.ID)
	}
	var future int
	if err := s.DB().QueryRowContext(ctx, "SELECT future_col FROM trades WHERE id = 3").Scan(&future); err != nil || future != 0 {
		t.Fatalf("future_col = %d, %v", future, err)
	}
}

func TestMigratesLegacyColumns(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.sqlite")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = raw.ExecContext(ctx, `
CREATE TABLE trades (id INTEGER NOT NULL, exchange VARCHAR(25) NOT NULL, pair VARCHAR(25) NOT NULL,
	is_open BOOLEAN NOT NULL, fee_open FLOAT NOT NULL, fee_close FLOAT NOT NULL, open_rate FLOAT,
	close_rate FLOAT, close_profit FLOAT, stake_amount FLOAT NOT NULL, amount FLOAT,
	open_date DATETIME NOT NULL, close_date DATETIME, sell_reason VARCHAR(100), buy_tag VARCHAR(100),
	strategy VARCHAR(100), PRIMARY KEY (id));
INSERT INTO trades VALUES (1,'binance','XRP/USDT',0,0.001,0.001,0.5,0.52,0.038,50,100,
	'2021-01-01 00:00:00','2021-01-01 01:00:00','roi','dip','OldStrategy');`)
	if err != nil {
		t.Fatal(err)
	}
	_ = raw.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	trades, err := s.Trades(ctx, false)
	if err != nil || len(trades) != 1 {
		t.Fatalf("trades = %d, %v", len(trades), err)
	}
	tr := trades[0]
	if tr.ExitReason == nil || *tr.ExitReason != "roi" || tr.EnterTag == nil || *tr.EnterTag != "dip" {
		t.Fatalf("legacy columns not migrated: exit %v tag %v", tr.ExitReason, tr.EnterTag)
	}
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// SchemaVersion is the newest schema version this package writes. It is kept
// in the freqdeck_schema_version table, which freqtrade ignores.
const SchemaVersion = 2

// tableSpec describes one table: its columns (without id) and its extra
// constraints and indexes.
type tableSpec struct {
	name        string
	fields      []field
	constraints []string
	indexes     []string // "name(columns)"
}

func tableSpecs() []tableSpec {
	return []tableSpec{
		{name: tableTrades, fields: tradeFields(&Trade{}),
			indexes: []string{"ix_trades_pair(pair)", "ix_trades_is_open(is_open)"}},
		{name: tableOrders, fields: orderFields(&Order{}),
			constraints: []string{
				"CONSTRAINT _order_pair_order_id UNIQUE (ft_pair, order_id)",
				"FOREIGN KEY(ft_trade_id) REFERENCES trades (id)",
			},
			indexes: []string{"ix_orders_ft_trade_id(ft_trade_id)", "ix_orders_ft_is_open(ft_is_open)", "ix_orders_order_id(order_id)"}},
		{name: tableLocks, fields: lockFields(&Lock{}),
			indexes: []string{"ix_pairlocks_pair(pair)", "ix_pairlocks_lock_end_time(lock_end_time)", "ix_pairlocks_active(active)"}},
		{name: tableKV, fields: kvFields(&KV{}),
			indexes: []string{"ix_KeyValueStore_key(key)"}},
		{name: tableCustom, fields: customFields(&CustomData{}),
			constraints: []string{
				"CONSTRAINT _trade_id_cd_key UNIQUE (ft_trade_id, cd_key)",
				"FOREIGN KEY(ft_trade_id) REFERENCES trades (id)",
			},
			indexes: []string{"ix_trade_custom_data_ft_trade_id(ft_trade_id)"}},
	}
}

// createSQL returns the CREATE TABLE statement of spec.
func (spec tableSpec) createSQL() string {
	cols := []string{"id INTEGER NOT NULL"}
	for _, f := range spec.fields {
		cols = append(cols, quote(f.name)+" "+f.decl)
	}
	cols = append(cols, "PRIMARY KEY (id)")
	cols = append(cols, spec.constraints...)
	return fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s (\n\t%s\n)", quote(spec.name), strings.Join(cols, ",\n\t"))
}

// migrations are applied in order; migrations[i] brings the schema to
// version i+1. They must be idempotent against a freqtrade database that
// already has the tables.
func migrations() []func(ctx context.Context, tx *sql.Tx) error {
	return []func(ctx context.Context, tx *sql.Tx) error{
		migrateV1,
		migrateV2,
	}
}

// migrateV1 creates freqtrade's tables and indexes where they are missing.
func migrateV1(ctx context.Context, tx *sql.Tx) error {
	for _, spec := range tableSpecs() {
		if _, err := tx.ExecContext(ctx, spec.createSQL()); err != nil {
			return fmt.Errorf("create table %s: %w", spec.name, err)
		}
	}
	return nil
}

// migrate brings the database to SchemaVersion, then makes sure every
// column and index this package uses exists (older freqtrade databases lack
// some).
func migrate(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin migration: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS "+tableSchemaVer+" (version INTEGER NOT NULL)"); err != nil {
		return fmt.Errorf("store: create version table: %w", err)
	}
	version, err := readVersion(ctx, tx)
	if err != nil {
		return err
	}
	if version > SchemaVersion {
		return fmt.Errorf("store: database schema version %d is newer than this freqdeck (%d)", version, SchemaVersion)
	}
	for i, m := range migrations()[version:] {
		if err := m(ctx, tx); err != nil {
			return fmt.Errorf("store: migration to version %d: %w", version+i+1, err)
		}
	}
	if err := writeVersion(ctx, tx, SchemaVersion); err != nil {
		return err
	}
	for _, spec := range tableSpecs() {
		if err := ensureColumns(ctx, tx, spec); err != nil {
			return err
		}
		if err := ensureIndexes(ctx, tx, spec); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit migration: %w", err)
	}
	return nil
}

// readVersion reads the schema version through a database or a transaction.
func readVersion(ctx context.Context, q rowQuerier) (int, error) {
	var v sql.NullInt64
	if err := q.QueryRowContext(ctx, "SELECT MAX(version) FROM "+tableSchemaVer).Scan(&v); err != nil {
		return 0, fmt.Errorf("store: read schema version: %w", err)
	}
	return int(v.Int64), nil
}

func writeVersion(ctx context.Context, tx *sql.Tx, v int) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM "+tableSchemaVer); err != nil {
		return fmt.Errorf("store: write schema version: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO "+tableSchemaVer+" (version) VALUES (?)", v); err != nil {
		return fmt.Errorf("store: write schema version: %w", err)
	}
	return nil
}

// ensureColumns adds the columns of spec that the table lacks, and copies
// values over from freqtrade's legacy column names where they exist.
func ensureColumns(ctx context.Context, tx *sql.Tx, spec tableSpec) error {
	info, err := tableInfo(ctx, tx, spec.name)
	if err != nil {
		return err
	}
	for _, f := range spec.fields {
		if _, ok := info[f.name]; ok {
			continue
		}
		stmt := fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s", quote(spec.name), quote(f.name), f.decl)
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("store: add column %s.%s: %w", spec.name, f.name, err)
		}
		if legacy, ok := legacyNames()[spec.name+"."+f.name]; ok {
			if _, had := info[legacy]; had {
				stmt := fmt.Sprintf("UPDATE %s SET %s = %s", quote(spec.name), quote(f.name), quote(legacy))
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					return fmt.Errorf("store: copy legacy column %s: %w", legacy, err)
				}
			}
		}
	}
	return nil
}

// legacyNames maps a current column to the name older freqtrade databases
// used for it.
func legacyNames() map[string]string {
	return map[string]string{
		"trades.enter_tag":         "buy_tag",
		"trades.exit_reason":       "sell_reason",
		"trades.exit_order_status": "sell_order_status",
	}
}

func ensureIndexes(ctx context.Context, tx *sql.Tx, spec tableSpec) error {
	for _, ix := range spec.indexes {
		name, cols, _ := strings.Cut(ix, "(")
		stmt := fmt.Sprintf("CREATE INDEX IF NOT EXISTS %s ON %s (%s", quote(name), quote(spec.name), cols)
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("store: create index %s: %w", name, err)
		}
	}
	return nil
}

// column is one row of PRAGMA table_info.
type column struct {
	name     string
	typ      string
	notNull  bool
	hasDflt  bool
	isPK     bool
	position int
}

// querier and rowQuerier are what *sql.DB and *sql.Tx have in common.
type (
	querier interface {
		QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	}
	rowQuerier interface {
		QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	}
)

// tableInfo returns the columns of table by name.
func tableInfo(ctx context.Context, q querier, table string) (map[string]column, error) {
	rows, err := q.QueryContext(ctx, "PRAGMA table_info("+quote(table)+")")
	if err != nil {
		return nil, fmt.Errorf("store: table info %s: %w", table, err)
	}
	defer rows.Close()
	out := map[string]column{}
	for rows.Next() {
		var (
			c    column
			dflt sql.NullString
			nn   int
			pk   int
		)
		if err := rows.Scan(&c.position, &c.name, &c.typ, &nn, &dflt, &pk); err != nil {
			return nil, fmt.Errorf("store: table info %s: %w", table, err)
		}
		c.notNull, c.hasDflt, c.isPK = nn != 0, dflt.Valid, pk != 0
		out[c.name] = c
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: table info %s: %w", table, err)
	}
	return out, nil
}

// quote quotes an SQL identifier.
func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

import type { SqlDialect } from './SqlDatabase';

/**
 * The few places where the catalogue's SQL differs between SQLite and PostgreSQL, as small fragments. Everything
 * else is written once in SQL both engines accept (`ON CONFLICT … DO NOTHING`, `IS DISTINCT FROM`, `CAST(? AS TEXT)`
 * where PostgreSQL cannot infer a parameter's type).
 */

/** A subquery of the strings of a JSON array passed as one parameter (`placeholder`: `?` or `?N`), as column `value`. */
export function jsonListSql(dialect: SqlDialect, placeholder: string): string {
  return dialect === 'sqlite'
    ? `SELECT value FROM json_each(${placeholder})`
    : `SELECT value FROM json_array_elements_text(CAST(${placeholder} AS json))`;
}

/** The text of top-level field `key` of the JSON object stored in text column `column` (null when absent). */
export function jsonFieldSql(dialect: SqlDialect, column: string, key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`Invalid JSON field name: ${key}`);
  return dialect === 'sqlite' ? `json_extract(${column}, '$.${key}')` : `(CAST(${column} AS json) ->> '${key}')`;
}

/**
 * A case-insensitive LIKE: SQLite's LIKE already ignores (ASCII) case; PostgreSQL's ILIKE folds case by the
 * database's locale.
 */
export function likeInsensitiveSql(dialect: SqlDialect): string {
  return dialect === 'sqlite' ? 'LIKE' : 'ILIKE';
}

/**
 * The case-insensitive sort key of a name column, as the catalogue's name indexes are built: `COLLATE NOCASE` on
 * SQLite, `lower()` on PostgreSQL (which has no NOCASE collation).
 */
export function nameSortSql(dialect: SqlDialect, column: string): string {
  return dialect === 'sqlite' ? `${column} COLLATE NOCASE` : `lower(${column})`;
}

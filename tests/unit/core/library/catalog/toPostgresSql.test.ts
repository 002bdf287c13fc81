import { describe, expect, it } from 'vitest';
import { toPostgresSql } from '../../../../../electron/core/library/catalog/sql/toPostgresSql';

describe('toPostgresSql: SQLite parameters as PostgreSQL ones', () => {
  it('numbers bare ? in order', () => {
    expect(toPostgresSql('SELECT * FROM t WHERE a = ? AND b IN (?, ?) LIMIT ?')).toBe(
      'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3) LIMIT $4',
    );
  });

  it('keeps the number of ?N, repeated or out of order', () => {
    expect(toPostgresSql('WHERE (CAST(?1 AS TEXT) IS NULL OR a = ?1) AND b = ?12 AND c = ?2')).toBe(
      'WHERE (CAST($1 AS TEXT) IS NULL OR a = $1) AND b = $12 AND c = $2',
    );
  });

  it('numbers a bare ? after ?N as SQLite does: one past the largest so far', () => {
    expect(toPostgresSql('a = ?2 AND b = ? AND c = ?1 AND d = ?')).toBe('a = $2 AND b = $3 AND c = $1 AND d = $4');
  });

  it('leaves ? inside quoted text and quoted names alone, doubled quotes included', () => {
    expect(toPostgresSql(`SELECT '?', 'it''s ?', "col?" FROM t WHERE x = ?`)).toBe(
      `SELECT '?', 'it''s ?', "col?" FROM t WHERE x = $1`,
    );
    expect(toPostgresSql(`SELECT "a""?" FROM t WHERE x = ?`)).toBe(`SELECT "a""?" FROM t WHERE x = $1`);
  });

  it('leaves ? inside line and (nested) block comments alone', () => {
    expect(toPostgresSql('SELECT ? -- why? because\nFROM t WHERE x = ?')).toBe(
      'SELECT $1 -- why? because\nFROM t WHERE x = $2',
    );
    expect(toPostgresSql('SELECT /* a? /* b? */ c? */ ? FROM t')).toBe('SELECT /* a? /* b? */ c? */ $1 FROM t');
    expect(toPostgresSql('SELECT ? -- trailing?')).toBe('SELECT $1 -- trailing?');
  });

  it('leaves ? inside dollar-quoted text alone, but not $ in names or casts', () => {
    expect(toPostgresSql('SELECT $$a?$$, $tag$b?$tag$, ?::text')).toBe('SELECT $$a?$$, $tag$b?$tag$, $1::text');
    expect(toPostgresSql('SELECT x$y$ FROM t WHERE a = ?')).toBe('SELECT x$y$ FROM t WHERE a = $1');
  });

  it('copies an unterminated quote or comment to the end rather than rewriting inside it', () => {
    expect(toPostgresSql("SELECT ? WHERE a = 'open ?")).toBe("SELECT $1 WHERE a = 'open ?");
    expect(toPostgresSql('SELECT ? /* open ?')).toBe('SELECT $1 /* open ?');
  });

  it('passes SQL without parameters through unchanged', () => {
    const sql = 'SELECT count(*) AS n FROM documents WHERE object_key IS NOT NULL';
    expect(toPostgresSql(sql)).toBe(sql);
  });
});

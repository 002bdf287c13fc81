/** pgpass (a dependency of pg) ships no types; this is the one call Hearth makes. */
declare module 'pgpass' {
  interface ConnectionInfo {
    host?: string;
    port?: number | string;
    database?: string;
    user?: string;
  }
  export default function pgpass(connection: ConnectionInfo, callback: (password: string | undefined) => void): void;
}

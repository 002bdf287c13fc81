export type IconName =
  | 'flame'
  | 'home'
  | 'settings'
  | 'diagnostics'
  | 'check'
  | 'warning'
  | 'error'
  | 'info'
  | 'close'
  | 'key'
  | 'trash'
  | 'play'
  | 'stop'
  | 'arrow-right'
  | 'chat'
  | 'cube'
  | 'upload'
  | 'download'
  | 'plus'
  | 'send'
  | 'sliders'
  | 'services'
  | 'library'
  | 'document'
  | 'copy'
  | 'edit'
  | 'refresh'
  | 'external'
  | 'search';

const PATHS: Record<IconName, string[]> = {
  flame: [
    'M12 3c.6 3.2 5 5.4 5 10.2A5 5 0 0 1 7 13.4c0-2.3 1.2-3.9 2.4-5 .3 1.7 1.1 2.7 2.1 3.1C11.3 8.6 10.9 5.7 12 3Z',
  ],
  home: ['M4 10.5 12 4l8 6.5V19a1 1 0 0 1-1 1h-4.5v-5.5h-5V20H5a1 1 0 0 1-1-1Z'],
  settings: ['M4 7h9', 'M17 7h3', 'M4 17h3', 'M11 17h9', 'M15 5v4', 'M9 15v4', 'M4 12h5', 'M13 12h7', 'M11 10v4'],
  diagnostics: ['M3 12h4l3-7 4 14 3-7h4'],
  check: ['m5 12.5 4.5 4.5L19 7.5'],
  warning: ['M12 4 2.8 19.5h18.4Z', 'M12 10v4.5', 'M12 17.2v.1'],
  error: ['M12 3.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Z', 'm9 9 6 6', 'm15 9-6 6'],
  info: ['M12 3.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Z', 'M12 11v5.5', 'M12 7.8v.1'],
  close: ['m6 6 12 12', 'M18 6 6 18'],
  key: ['M14.5 4a5.5 5.5 0 1 1-4.9 8L4 17.6V20h3v-2h2v-2h2l.4-.4A5.5 5.5 0 0 1 14.5 4Z', 'M16.5 7.5v.1'],
  trash: ['M4 7h16', 'M9 7V4.5h6V7', 'M6.5 7l1 12.5h9l1-12.5', 'M10 11v5', 'M14 11v5'],
  play: ['M8 5.5v13l10.5-6.5Z'],
  stop: ['M7 7h10v10H7Z'],
  'arrow-right': ['M5 12h14', 'm13 6 6 6-6 6'],
  chat: [
    'M4.5 5.5h15a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H10l-4.5 3.5V16.5h-1a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1Z',
    'M8 10h8',
    'M8 13h5',
  ],
  cube: ['M12 3.5 19.5 7.7v8.6L12 20.5l-7.5-4.2V7.7Z', 'M4.5 7.7 12 12l7.5-4.3', 'M12 12v8.5'],
  upload: ['M12 15.5V4.5', 'm7.5 9 4.5-4.5L16.5 9', 'M5 15v3.5h14V15'],
  download: ['M12 4.5v11', 'm7.5 11 4.5 4.5 4.5-4.5', 'M5 15v3.5h14V15'],
  plus: ['M12 5v14', 'M5 12h14'],
  send: ['M4.5 12 19.5 4.5 16 19.5l-4.5-6Z', 'M11.5 13.5 19.5 4.5'],
  sliders: ['M6 4v16', 'M12 4v16', 'M18 4v16', 'M4 15h4', 'M10 9h4', 'M16 13h4'],
  services: ['M4.5 5h15v5h-15Z', 'M4.5 14h15v5h-15Z', 'M8 7.5h.1', 'M8 16.5h.1'],
  library: ['M4.5 4.5h4v15h-4Z', 'M10 4.5h4v15h-4Z', 'm15.6 5.6 3.3-.9 3.2 13.9-3.3.8Z', 'M4.5 8h4', 'M10 8h4'],
  document: ['M6.5 3.5h7l4 4v13h-11Z', 'M13.5 3.5v4h4', 'M9.5 12h5', 'M9.5 15.5h5'],
  copy: ['M8.5 8.5h11v11h-11Z', 'M15.5 8.5v-4h-11v11h4'],
  edit: ['M4.5 19.5h4l10-10-4-4-10 10Z', 'm12.5 7.5 4 4'],
  refresh: ['M19.5 12a7.5 7.5 0 1 1-2.2-5.3', 'M19.5 4.5v4h-4'],
  external: ['M13.5 4.5h6v6', 'M19.5 4.5l-8 8', 'M17.5 13.5v6h-13v-13h6'],
  search: ['M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Z', 'm15.5 15.5 4.5 4.5'],
};

interface IconProps {
  name: IconName;
  /** Pixel size of the square icon. */
  size?: number;
  className?: string;
}

/** A decorative line icon; the text next to it carries the meaning, so it is hidden from assistive tech. */
export function Icon({ name, size = 16, className }: IconProps) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}

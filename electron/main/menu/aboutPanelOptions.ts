import type { AboutPanelOptionsOptions } from 'electron';

/** The About panel (the app menu's "About Hearth"): name, version and what Hearth promises. */
export function aboutPanelOptions(version: string): AboutPanelOptionsOptions {
  return {
    applicationName: 'Hearth',
    applicationVersion: version,
    copyright: 'Copyright © 2026 the Hearth authors. MIT licence.',
    credits: 'Chat with your own documents using a local model. Your documents, your model, your Mac.',
  };
}

// The application menu: the usual roles, the app's own shortcuts, About with the version, and a way to the log.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  platform: NodeJS.Platform;
  appName: string;
  version: string;
  showAbout: () => void;
  openLog: () => void;
  openLogFolder: () => void;
  togglePause: (paused: boolean) => void;
  hideToTray: () => void;
  paused: boolean;
  toggleCloseToTray: (on: boolean) => void;
  toggleStartHidden: (on: boolean) => void;
  toggleAutoUpdate: (on: boolean) => void;
  checkForUpdates: () => void;
  settings: { closeToTray: boolean; startHidden: boolean; autoUpdate: boolean };
  isDev: boolean;
}

export function menuTemplate(a: MenuActions): MenuItemConstructorOptions[] {
  const mac = a.platform === 'darwin';
  const about: MenuItemConstructorOptions = { id: 'about', label: `About ${a.appName}`, click: () => a.showAbout() };
  const prefs: MenuItemConstructorOptions[] = [
    {
      id: 'closeToTray',
      label: 'Keep Running in the Tray When Closed',
      type: 'checkbox',
      checked: a.settings.closeToTray,
      click: (item) => a.toggleCloseToTray(item.checked),
    },
    {
      id: 'startHidden',
      label: 'Start Hidden in the Tray',
      type: 'checkbox',
      checked: a.settings.startHidden,
      click: (item) => a.toggleStartHidden(item.checked),
    },
    {
      id: 'autoUpdate',
      label: 'Check for Updates Automatically',
      type: 'checkbox',
      checked: a.settings.autoUpdate,
      click: (item) => a.toggleAutoUpdate(item.checked),
    },
  ];
  // The app's own shortcuts (the renderer's in-page shortcuts live in the renderer).
  const app: MenuItemConstructorOptions[] = [
    {
      id: 'pause',
      label: 'Pause Notifications',
      type: 'checkbox',
      checked: a.paused,
      accelerator: 'CmdOrCtrl+Shift+M',
      click: (item) => a.togglePause(item.checked),
    },
    { id: 'hideToTray', label: 'Hide to Tray', accelerator: 'CmdOrCtrl+Shift+H', click: () => a.hideToTray() },
  ];
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: a.appName,
      submenu: [
        about,
        { type: 'separator' },
        ...prefs,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: '&File',
    submenu: mac ? [{ role: 'close' }] : [...prefs, { type: 'separator' }, { role: 'quit' }],
  });
  template.push({ role: 'editMenu' });
  template.push({
    label: '&View',
    submenu: [
      ...(a.isDev ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const) : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({ label: '&Desk', submenu: app });
  template.push({ role: 'windowMenu' });
  template.push({
    role: 'help',
    submenu: [
      { id: 'log', label: 'Open Log File', click: () => a.openLog() },
      { id: 'logFolder', label: 'Show Log Folder', click: () => a.openLogFolder() },
      { id: 'updates', label: 'Check for Updates…', click: () => a.checkForUpdates() },
      ...(mac ? [] : [{ type: 'separator' } as const, about]),
    ],
  });
  return template;
}

export function aboutText(appName: string, version: string, electronVersion: string): string {
  return `${appName} ${version}\nElectron ${electronVersion}`;
}

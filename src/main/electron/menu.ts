// The application menu: the usual roles, the app's own shortcuts, About with the version, and a way to the log, in
// the interface language. Electron's role menus (Edit, Window) are written out so every item carries its label:
// Electron's own labels are English only.
import type { MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../../shared/bridge.ts';
import { type ShellMenuRole, shellStrings } from '../core/notify/shellStrings.ts';

export interface MenuActions {
  platform: NodeJS.Platform;
  locale: Locale;
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
  const words = shellStrings(a.locale).menu;
  // A role item with the label of the interface language (Electron's own when the table has none).
  const role = (name: ShellMenuRole): MenuItemConstructorOptions => {
    const label = words.roles[name];
    return label === undefined ? { role: name } : { role: name, label };
  };
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const about: MenuItemConstructorOptions = { id: 'about', label: words.about, click: () => a.showAbout() };
  const prefs: MenuItemConstructorOptions[] = [
    {
      id: 'closeToTray',
      label: words.closeToTray,
      type: 'checkbox',
      checked: a.settings.closeToTray,
      click: (item) => a.toggleCloseToTray(item.checked),
    },
    {
      id: 'startHidden',
      label: words.startHidden,
      type: 'checkbox',
      checked: a.settings.startHidden,
      click: (item) => a.toggleStartHidden(item.checked),
    },
    {
      id: 'autoUpdate',
      label: words.autoUpdate,
      type: 'checkbox',
      checked: a.settings.autoUpdate,
      click: (item) => a.toggleAutoUpdate(item.checked),
    },
  ];
  // The app's own shortcuts (the renderer's in-page shortcuts live in the renderer).
  const app: MenuItemConstructorOptions[] = [
    {
      id: 'pause',
      label: words.pause,
      type: 'checkbox',
      checked: a.paused,
      accelerator: 'CmdOrCtrl+Shift+M',
      click: (item) => a.togglePause(item.checked),
    },
    { id: 'hideToTray', label: words.hideToTray, accelerator: 'CmdOrCtrl+Shift+H', click: () => a.hideToTray() },
  ];
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: a.appName,
      submenu: [
        about,
        separator,
        ...prefs,
        separator,
        role('services'),
        separator,
        role('hide'),
        role('hideOthers'),
        role('unhide'),
        separator,
        role('quit'),
      ],
    });
  }
  template.push({
    label: words.file,
    submenu: mac ? [role('close')] : [...prefs, separator, role('quit')],
  });
  // Electron's default Edit menu, item by item.
  template.push({
    role: 'editMenu',
    label: words.edit,
    submenu: [
      role('undo'),
      role('redo'),
      separator,
      role('cut'),
      role('copy'),
      role('paste'),
      ...(mac
        ? [
            role('pasteAndMatchStyle'),
            role('delete'),
            role('selectAll'),
            separator,
            { label: words.speech, submenu: [role('startSpeaking'), role('stopSpeaking')] },
          ]
        : [role('delete'), separator, role('selectAll')]),
    ],
  });
  template.push({
    label: words.view,
    submenu: [
      ...(a.isDev ? [role('reload'), role('toggleDevTools'), separator] : []),
      role('resetZoom'),
      role('zoomIn'),
      role('zoomOut'),
      separator,
      role('togglefullscreen'),
    ],
  });
  template.push({ label: words.desk, submenu: app });
  // Electron's default Window menu, item by item.
  template.push({
    role: 'windowMenu',
    label: words.window,
    submenu: [role('minimize'), role('zoom'), ...(mac ? [separator, role('front')] : [role('close')])],
  });
  template.push({
    role: 'help',
    label: words.help,
    submenu: [
      { id: 'log', label: words.openLog, click: () => a.openLog() },
      { id: 'logFolder', label: words.showLogFolder, click: () => a.openLogFolder() },
      { id: 'updates', label: words.checkForUpdates, click: () => a.checkForUpdates() },
      ...(mac ? [] : [separator, about]),
    ],
  });
  return template;
}

export function aboutText(appName: string, version: string, electronVersion: string): string {
  return `${appName} ${version}\nElectron ${electronVersion}`;
}

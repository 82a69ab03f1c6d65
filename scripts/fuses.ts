// electron-builder afterPack hook: flips Electron's fuses in the packaged binary before it is signed. No
// ELECTRON_RUN_AS_NODE, no NODE_OPTIONS or --inspect, the app only from app.asar, and the asar checked against its
// embedded hash (macOS and Windows enforce it).
import { join } from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';

interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

export const FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} as const;

export function executablePath(context: AfterPackContext): string {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(context.appOutDir, `${name}.app`);
    case 'win32':
      return join(context.appOutDir, `${name}.exe`);
    default:
      return join(context.appOutDir, context.packager.executableName ?? name);
  }
}

export default async function afterPack(context: AfterPackContext): Promise<void> {
  const target = executablePath(context);
  await flipFuses(target, { ...FUSES, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' });
  console.log(`  • fuses flipped  file=${target}`);
}

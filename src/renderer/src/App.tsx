import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/bridge.ts';
import { getBridge } from './bridge/index.ts';

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getBridge()
      .invoke('app.info', {})
      .then((result) => (result.ok ? setInfo(result.value) : setError(result.error.message)));
  }, []);
  return (
    <main>
      <h1>Chat Desk</h1>
      {info && (
        <p data-testid="app-info">
          {info.name} {info.version} · {info.edition} edition · core started {info.coreStartedAt}
        </p>
      )}
      {error && <p role="alert">{error}</p>}
    </main>
  );
}

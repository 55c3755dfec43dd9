import { isRecord, isText, readJson, writeJson } from '#lib/storage.ts';

/** `/config.json`, written by the deployment (CDK) or the local runtime; never baked into the build. */
export type AuthConfig =
  | { kind: 'local'; issuer: string }
  | {
      kind: 'oidc';
      authority: string;
      clientId: string;
      scope: string;
      authorizeEndpoint: string;
      tokenEndpoint: string;
      logoutEndpoint: string;
    };

export interface RuntimeConfig {
  auth: AuthConfig;
  apiBase: string;
}

const storageKey = 'jixiao.config';

const isAuthConfig = (value: unknown): value is AuthConfig => {
  if (!isRecord(value)) return false;
  if (value.kind === 'local') return isText(value.issuer);
  if (value.kind === 'oidc') {
    const fields = ['authority', 'clientId', 'scope', 'authorizeEndpoint', 'tokenEndpoint', 'logoutEndpoint'];
    return fields.every((f) => isText(value[f]));
  }
  return false;
};

export const isRuntimeConfig = (value: unknown): value is RuntimeConfig =>
  isRecord(value) && isAuthConfig(value.auth) && isText(value.apiBase) && value.apiBase.startsWith('/');

/**
 * Loads the runtime config once at start. The last good copy is kept in localStorage so the app
 * starts offline too; a fresh copy replaces it whenever the network answers.
 */
class ConfigManager {
  current = $state.raw<RuntimeConfig | null>(readJson(storageKey, isRuntimeConfig));
  failed = $state(false);
  #loading: Promise<RuntimeConfig | null> | undefined;

  load(): Promise<RuntimeConfig | null> {
    this.#loading ??= this.#fetch();
    return this.#loading;
  }

  async #fetch(): Promise<RuntimeConfig | null> {
    try {
      const response = await fetch('/config.json', { cache: 'no-store', headers: { accept: 'application/json' } });
      const body: unknown = response.ok ? await response.json() : null;
      if (isRuntimeConfig(body)) {
        this.current = body;
        writeJson(storageKey, body);
      }
    } catch {
      // offline: keep the cached copy
    }
    this.failed = this.current === null;
    if (this.failed) this.#loading = undefined; // let the next call try again
    return this.current;
  }
}

export const config = new ConfigManager();

import { m } from '#lib/paraglide/messages.js';
import type { SignInFailure } from '#lib/session-manager.svelte.ts';

export const signInFailureMessage = (reason: SignInFailure): string =>
  ({
    network: m.sign_in_failed_network,
    rejected: m.sign_in_failed_rejected,
    'state-mismatch': m.sign_in_failed_state,
    'nonce-mismatch': m.sign_in_failed_state,
    'provider-error': m.sign_in_failed_provider,
  })[reason]();

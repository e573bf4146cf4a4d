import { useMemo } from 'react';
import { useSession } from '../shell/session.tsx';
import { setupMessagesFor } from './setup-messages.ts';

/** Setup's messages in the session's language. */
export function useSetupMessages() {
  const { language } = useSession();
  return useMemo(() => setupMessagesFor(language), [language]);
}

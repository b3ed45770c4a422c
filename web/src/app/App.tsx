// The top of the tree: the login page or, with a session, the shell. A session owns one live
// connection and the in-memory data; both end with it.

import { useEffect } from 'preact/hooks';
import { resetContingents } from '../data/contingents';
import { startLive } from '../data/liveSync';
import { resetReference } from '../data/reference';
import { currentUser, sessionState } from '../session/session';
import { clearNotices } from '../ui/notices';
import { Loading } from '../ui/StatusPanels';
import { LoginView } from '../views/login/LoginView';
import { Shell } from './Shell';

export function App() {
  const state = sessionState.value;
  const user = currentUser.value;
  const userId = user?.id;

  useEffect(() => {
    if (state !== 'authenticated') return;
    const stop = startLive();
    return () => {
      stop();
      resetContingents();
      resetReference();
      clearNotices();
    };
  }, [state, userId]);

  if (state === 'checking') return <Loading />;
  if (state !== 'authenticated' || !user) return <LoginView />;
  return <Shell user={user} />;
}

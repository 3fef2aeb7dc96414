// The fake host page exposes its host double to the tests as window.fakeHost.
import type { FakeHostApi } from './fake-host/host';

declare global {
  interface Window {
    fakeHost: FakeHostApi;
  }
}

import { act } from "@testing-library/react";

type Listener = (event: Event) => void;

/** A scriptable EventSource: tests push `status` events and errors as the server would. */
export class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readonly url: string;
  closed = false;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(url: string) {
    this.url = url;
    FakeEventSource.instances.push(this);
  }

  static reset() {
    FakeEventSource.instances = [];
  }

  static latest(): FakeEventSource {
    const source = FakeEventSource.instances.at(-1);
    if (!source) throw new Error("no EventSource was opened");
    return source;
  }

  addEventListener(type: string, listener: Listener) {
    const set = this.listeners.get(type) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: Listener) {
    this.listeners.get(type)?.delete(listener);
  }

  close() {
    this.closed = true;
  }

  /** The server sends an event named `status` with this JSON. */
  sendStatus(view: unknown) {
    this.dispatch(new MessageEvent("status", { data: JSON.stringify(view) }));
  }

  /** The connection breaks. */
  fail() {
    this.dispatch(new Event("error"));
  }

  private dispatch(event: Event) {
    act(() => {
      for (const listener of this.listeners.get(event.type) ?? []) listener(event);
    });
  }
}

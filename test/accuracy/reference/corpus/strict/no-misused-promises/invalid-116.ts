type Listener = { handleEvent(): void };
class L implements Listener {
  async handleEvent() {}
}
export {};

class Service {
  private async save() {}
  handle() {
    this.save();
  }
}
export {};

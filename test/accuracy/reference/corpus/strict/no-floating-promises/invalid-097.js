async function save() {}
class Service {
  handle() {
    save();
  }
}
export {};

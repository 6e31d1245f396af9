declare function fetchData(): Promise<string>;
export default function handler() {
  fetchData().then((data) => console.log(data));
}

declare global {
  namespace JSX {
    interface IntrinsicElements { [name: string]: any }
    interface Element {}
  }
}

    declare function Component(props: { onEvent: () => void }): JSX.Element;
    async function handler() {}
    const x = <Component onEvent={handler} />;
export {};

declare global {
  namespace JSX {
    interface IntrinsicElements { [name: string]: any }
    interface Element {}
  }
}

    declare function Component(props: { onEvent?: () => void }): JSX.Element;
    const x = <Component onEvent={async () => { await Promise.resolve(); }} />;
export {};

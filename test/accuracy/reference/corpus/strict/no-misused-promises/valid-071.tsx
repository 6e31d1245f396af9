declare global {
  namespace JSX {
    interface IntrinsicElements { [name: string]: any }
    interface Element {}
  }
}

    const x = <div onClick={async () => {}} />;
export {};

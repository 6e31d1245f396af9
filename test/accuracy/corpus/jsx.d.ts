// A minimal JSX for the corpus (no React types are installed): the automatic runtime module and
// intrinsic elements whose event props return void, like React's EventHandler.
declare module 'react/jsx-runtime' {
  export const jsx: (type: unknown, props: unknown, key?: unknown) => JSX.Element;
  export const jsxs: typeof jsx;
  export const Fragment: unique symbol;
}

type FixtureEventHandler<E = Event> = (event: E) => void;

interface FixtureDomProps {
  children?: unknown;
  className?: string;
  disabled?: boolean;
  type?: string;
  value?: string;
  onClick?: FixtureEventHandler<MouseEvent>;
  onChange?: FixtureEventHandler<Event>;
  onSubmit?: FixtureEventHandler<SubmitEvent>;
  onKeyDown?: FixtureEventHandler<KeyboardEvent>;
  onBlur?: FixtureEventHandler<FocusEvent>;
}

declare namespace JSX {
  interface Element {
    readonly type: unknown;
  }
  interface ElementChildrenAttribute {
    children: {};
  }
  interface IntrinsicAttributes {
    key?: string | number;
  }
  interface IntrinsicElements {
    button: FixtureDomProps;
    form: FixtureDomProps;
    input: FixtureDomProps;
    div: FixtureDomProps;
    a: FixtureDomProps & { href?: string };
    li: FixtureDomProps;
  }
}

declare function returnsVoid(): void;
returnsVoid();
export {};

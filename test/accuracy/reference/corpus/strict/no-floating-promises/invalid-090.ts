declare const services: { start(): Promise<void> }[];
for (const s of services) {
  s.start();
}
export {};

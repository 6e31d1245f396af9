// typescript-eslint no-misused-promises, checksVoidReturn "attributes" -> unhandled-rejection
// (default jsxHandlers "whenUnguarded": async handlers whose body can reject outside try/catch).
import { fetchUser, log, saveUser, users } from './lib';

declare function setBusy(busy: boolean): void;
declare function handle(error: unknown): void;

// @case no-misused-promises unhandled-rejection: async onClick awaiting a save
export function J01() {
  return <button onClick={async () => { await saveUser(users[0]); }}>Save</button>;
}

// @case no-misused-promises unhandled-rejection: async onSubmit handler by reference
export function J02() {
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    await saveUser(users[0]);
  };
  return <form onSubmit={submit} />;
}

// @case no-misused-promises unhandled-rejection: async onChange with an expression body
export function J03() {
  return <input onChange={async () => fetchUser('1')} />;
}

// @case no-misused-promises unhandled-rejection: async function declaration as onClick
export function J04() {
  async function reload() {
    const user = await fetchUser('1');
    log(user.name);
  }
  return <button onClick={reload} />;
}

// @case no-misused-promises unhandled-rejection: busy flag reset in finally, no catch
export function J05() {
  return (
    <button
      onClick={async () => {
        setBusy(true);
        try {
          await saveUser(users[0]);
        } finally {
          setBusy(false);
        }
      }}
    />
  );
}

// @case no-misused-promises unhandled-rejection: plain arrow returning a promise to onClick
export function J06() {
  return <button onClick={() => saveUser(users[0])} />;
}

// @case no-misused-promises unhandled-rejection: async onKeyDown with a conditional await
export function J07() {
  return (
    <input
      onKeyDown={async (event) => {
        if (event.key === 'Enter') await saveUser(users[0]);
      }}
    />
  );
}

// @case no-misused-promises valid: synchronous onClick
export function JV01() {
  return <button onClick={() => setBusy(true)} />;
}

// @case no-misused-promises valid: onClick that handles the promise with catch
export function JV02() {
  return <button onClick={() => void saveUser(users[0]).catch(handle)} />;
}

// @case no-misused-promises valid: async handler passed to a prop that accepts a promise
function AsyncAction(props: { run: () => Promise<void> }) {
  return <button onClick={() => void props.run().catch(handle)} />;
}
export function JV03() {
  return <AsyncAction run={async () => { await saveUser(users[0]); }} />;
}

// @case no-misused-promises valid: synchronous handler by reference
export function JV04() {
  const select = (event: MouseEvent) => log(event.type);
  return <div onClick={select} />;
}

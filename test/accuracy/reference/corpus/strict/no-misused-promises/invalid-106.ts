declare const el: HTMLElement;
el.addEventListener('click', async (event) => {
  console.log(event);
});
export {};

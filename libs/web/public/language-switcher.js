// @ts-check
// The language switcher without its button: choosing a language with the pointer shows the page in it at once.
// A keyboard's arrows step through the languages instead, so once a key is pressed on the list the button comes
// back and the reader sends the choice when they mean to (a page never changes under a person's arrow keys).

for (const form of document.querySelectorAll('form.language-switcher')) {
  const choice = /** @type {HTMLSelectElement | null} */ (form.querySelector('select[name="lang"]'));
  if (!choice) continue;
  let typed = false;
  form.classList.add('sends-on-change');
  choice.addEventListener('keydown', () => {
    typed = true;
    form.classList.remove('sends-on-change');
  });
  choice.addEventListener('change', () => {
    if (!typed) /** @type {HTMLFormElement} */ (form).submit();
  });
}

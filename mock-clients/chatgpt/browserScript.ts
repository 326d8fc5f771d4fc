/**
 * The little script ChatGPT's pages need: the profile menu opens and closes, and "Create" stays
 * disabled until the name and URL are filled and "I understand and want to continue" is ticked.
 * Everything else works as plain forms.
 */
export const CHATGPT_SCRIPT = `
const button = document.getElementById('profile-button');
const menu = document.getElementById('profile-menu');
if (button && menu) {
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') === 'true';
    button.setAttribute('aria-expanded', String(!open));
    menu.hidden = open;
    if (!open) menu.querySelector('[role=menuitem]')?.focus();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !menu.hidden) { menu.hidden = true; button.setAttribute('aria-expanded', 'false'); button.focus(); }
  });
}
const form = document.getElementById('create-app-form');
if (form) {
  const create = document.getElementById('create-app');
  const ready = () => {
    create.disabled = !(form.elements.name.value.trim() && form.elements.url.value.trim() && form.elements.acknowledged.checked);
  };
  form.addEventListener('input', ready);
  form.addEventListener('change', ready);
  ready();
}
`;

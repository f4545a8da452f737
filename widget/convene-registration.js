// Convene's registration widget. An event website embeds it with:
//   <script type="module" src="https://<convene>/widget/convene-registration.js"></script>
//   <convene-registration event="<readable event id>" token="<application token>"></convene-registration>
// or, where a site builder strips custom elements, with
//   <div data-convene-registration data-event="…" data-token="…"></div>
// The page's origin must be listed for the application. `api="https://…"` (`data-api`)
// names another Convene than the one this script comes from. The language is the
// element's `lang`, else the nearest ancestor's (the page's <html lang>): French or
// English. The form itself is Rust (convene_widget).
import init, { mount } from './convene_widget.js';

const ready = init({ module_or_path: new URL('./convene_widget_bg.wasm', import.meta.url) });
const OWN_ORIGIN = new URL(import.meta.url).origin;

async function render(element, attr) {
  await ready;
  const lang = element.closest('[lang]')?.getAttribute('lang') ?? '';
  mount(element, attr('api') || OWN_ORIGIN, attr('event'), attr('token'), lang);
}

class ConveneRegistration extends HTMLElement {
  static observedAttributes = ['event', 'token', 'api', 'lang'];

  connectedCallback() {
    this.rendered = true;
    render(this, (name) => this.getAttribute(name) ?? '');
  }

  attributeChangedCallback() {
    if (this.rendered) this.connectedCallback();
  }
}

if (!customElements.get('convene-registration')) {
  customElements.define('convene-registration', ConveneRegistration);
}

// The plain variant: every such element in the page when this module runs (module
// scripts run once the document is parsed).
for (const element of document.querySelectorAll('[data-convene-registration]')) {
  render(element, (name) => element.dataset[name] ?? '');
}

// Convene's registration widget. An event website embeds it with:
//   <script type="module" src="https://<convene>/widget/convene-registration.js"></script>
//   <convene-registration event="<readable event id>" token="<application token>"></convene-registration>
// The page's origin must be listed for the application. `api="https://…"` names another
// Convene than the one this script comes from. The form itself is Rust (convene_widget).
import init, { mount } from './convene_widget.js';

const ready = init({ module_or_path: new URL('./convene_widget_bg.wasm', import.meta.url) });
const OWN_ORIGIN = new URL(import.meta.url).origin;

class ConveneRegistration extends HTMLElement {
  static observedAttributes = ['event', 'token', 'api'];

  connectedCallback() {
    this.render();
  }

  attributeChangedCallback() {
    if (this.rendered) this.render();
  }

  async render() {
    this.rendered = true;
    await ready;
    const attr = (name) => this.getAttribute(name) ?? '';
    mount(this, attr('api') || OWN_ORIGIN, attr('event'), attr('token'));
  }
}

if (!customElements.get('convene-registration')) {
  customElements.define('convene-registration', ConveneRegistration);
}

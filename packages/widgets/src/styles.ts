// The stylesheet every widget places in its shadow root; a widget's own rules travel in its
// chunk (PRODUCT_CSS, STORY_CSS, CART_CSS …). Everything a site may change is a --terroir-*
// custom property (they pierce the shadow boundary) or a ::part(). The root `.t` resets every
// inherited property (`all: initial`): the host page's `color`, `font-size`, `line-height`,
// `font-family`, `letter-spacing`, `text-align` … reach the widgets only through the documented
// custom properties. Lengths are `em` of that root, never `rem` (the host's `html` font size).
// Longhands, not `font:`: a property set to `inherit` (`--terroir-font: inherit`) is valid only
// as a whole value, and inside a shorthand it would void the reset.
export const STYLES = `:host{display:block}:host([hidden]){display:none}
.t{all:initial;display:block;font-family:var(--terroir-font,system-ui,-apple-system,'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif);font-size:var(--terroir-font-size,16px);line-height:var(--terroir-line-height,1.5);color:var(--terroir-color-text,#1c1917);--a:var(--terroir-color-accent,#2d6a3e);--s:var(--terroir-color-surface,#fff);--m:var(--terroir-color-muted,#57534e);--b:var(--terroir-color-border,#d6d3d1);--r:var(--terroir-radius,.5em);--g:var(--terroir-gap,1em)}
*{box-sizing:border-box}
h2,h3,h4,p{margin:0 0 .5em}
h2,h3,h4{line-height:1.25}
img,video{max-width:100%;height:auto;display:block;border-radius:var(--r)}
a{color:var(--a)}
button,select,input{font:inherit;color:inherit;min-height:44px;border-radius:var(--r);border:1px solid var(--b);background:var(--s);padding:.4em .8em;cursor:pointer}
.p{background:var(--a);color:var(--terroir-color-accent-text,#fff);border-color:var(--a);font-weight:600}
:disabled{opacity:.6;cursor:not-allowed}
:focus-visible{outline:3px solid var(--terroir-color-focus,#1d4ed8);outline-offset:2px}
.grid{display:grid;gap:var(--g);grid-template-columns:repeat(auto-fill,minmax(min(100%,15em),1fr));list-style:none;padding:0;margin:0}
.card{background:var(--s);border:1px solid var(--b);border-radius:var(--r);padding:.75em;display:flex;flex-direction:column;gap:.4em}
.card img{aspect-ratio:4/3;object-fit:cover;width:100%}
.row{display:flex;flex-wrap:wrap;gap:.5em;align-items:center}
.sp{justify-content:space-between}
.f{margin-bottom:var(--g)}
.m{color:var(--m);font-size:.9em}
.price{font-weight:700;font-size:1.1em}
.badge{border-radius:1em;padding:0 .6em;font-size:.85em;border:1px solid}
.sold-out{color:#b91c1c}.low{color:#9a3412}.in-season{color:var(--a)}
.sk{display:block;border-color:#0000;background:none}.ski{aspect-ratio:4/3;background:#e7e5e4;border-radius:var(--r)}.skt{height:22.75em}
.msg{padding:1em;border:1px dashed var(--b);border-radius:var(--r);text-align:center}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
summary{cursor:pointer;padding:.7em 0;color:var(--a);font-weight:600}
.card>.p{margin-top:auto}`;

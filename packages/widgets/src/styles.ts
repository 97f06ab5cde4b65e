// One stylesheet for every widget, placed in each shadow root. Everything a site may want to
// change is a --terroir-* custom property (they pierce the shadow boundary) or a ::part().
// Kept terse on purpose: it ships inside the 15 KB budget.
export const STYLES = `:host{display:block;font-family:var(--terroir-font,inherit);color:var(--terroir-color-text,inherit);line-height:1.5;--a:var(--terroir-color-accent,#2d6a3e);--s:var(--terroir-color-surface,#fff);--m:var(--terroir-color-muted,#57534e);--b:var(--terroir-color-border,#d6d3d1);--r:var(--terroir-radius,.5rem);--g:var(--terroir-gap,1rem)}
:host([hidden]){display:none}
*{box-sizing:border-box}
h2,h3,h4,p{margin:0 0 .5rem}
img,video{max-width:100%;height:auto;display:block;border-radius:var(--r)}
audio{width:100%}
a{color:var(--a)}
button,select,input{font:inherit;color:inherit;min-height:44px;border-radius:var(--r);border:1px solid var(--b);background:var(--s);padding:.4rem .8rem;cursor:pointer}
.p{background:var(--a);color:var(--terroir-color-accent-text,#fff);border-color:var(--a);font-weight:600}
:disabled{opacity:.6;cursor:not-allowed}
:focus-visible{outline:3px solid var(--terroir-color-focus,#1d4ed8);outline-offset:2px}
.grid{display:grid;gap:var(--g);grid-template-columns:repeat(auto-fill,minmax(min(100%,15rem),1fr));list-style:none;padding:0;margin:0}
.sm{grid-template-columns:repeat(auto-fill,minmax(min(100%,9rem),1fr))}
.card{background:var(--s);border:1px solid var(--b);border-radius:var(--r);padding:.75rem;display:flex;flex-direction:column;gap:.4rem}
.card img{aspect-ratio:4/3;object-fit:cover;width:100%}
.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.sp{justify-content:space-between}
.f{margin-bottom:var(--g)}
.m{color:var(--m);font-size:.9em}
.price{font-weight:700;font-size:1.1em}
.badge{border-radius:1rem;padding:0 .6rem;font-size:.85em;border:1px solid}
.sold-out{color:#b91c1c}.low{color:#9a3412}.in-season{color:var(--a)}
.sk{background:#e7e5e4;border-radius:var(--r);min-height:14rem}
.msg{padding:1rem;border:1px dashed var(--b);border-radius:var(--r);text-align:center}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
summary{cursor:pointer;padding:.7rem 0;color:var(--a);font-weight:600}
.card>.p{margin-top:auto}
fieldset{border:0;padding:0;margin:0 0 .5rem}
.pre{white-space:pre-line}
.qty input{width:4.5rem;text-align:center}
.line{border-bottom:1px solid var(--b);padding:.5rem 0}
.drawer{inset:0 0 0 auto;width:min(100%,24rem);height:100%;max-height:none;margin:0 0 0 auto;border:0;background:var(--s);color:inherit}
.drawer::backdrop{background:#0006}
figure{margin:0 0 var(--g)}
.two>div>img{width:100%}
.pc{flex-direction:row}
.pc img{width:4rem;height:4rem;border-radius:50%}
.fd label{display:block;margin:.5rem 0}.fd .r{display:flex;gap:.5rem}[type=radio]{min-height:0;margin:.3rem 0}.fd [autocomplete],.fd select{display:block;width:100%}
@media(min-width:48rem){.two{display:grid;grid-template-columns:1fr 1fr;gap:2rem}.st{grid-template-columns:3fr 2fr}}`;

/*
 * All of the pages' CSS, inlined in <head>: small enough (≈4 KB) that a separate request would
 * cost more than it saves, and the first response paints without waiting for anything.
 * System fonts only (no web-font download, no swap). Mobile first: one column at 360 px.
 */
export const CRITICAL_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2a1c;background:#fbfaf5}
a{color:#2f5d1e;text-underline-offset:.15em}
a:hover{color:#1b3a10}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
img,video{max-width:100%;height:auto;display:block}
h1,h2,h3{line-height:1.25;margin:0 0 .5rem}
h1{font-size:1.75rem}h2{font-size:1.3rem;margin-top:2rem}h3{font-size:1.05rem}
p{margin:0 0 .75rem}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
.site{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.5rem 1rem;background:#2f5d1e;color:#fff}
.site a{color:#fff}
.brand{font-weight:700;text-decoration:none;margin-right:auto;min-height:44px;display:flex;align-items:center}
.site nav ul{display:flex;gap:1rem;list-style:none;margin:0;padding:0}
.site nav a,.lang{display:inline-flex;align-items:center;min-height:44px}
terroir-cart{display:inline-flex;align-items:center;min-width:6.5rem;min-height:44px;contain:layout;color:#1f2a1c;--terroir-color-text:#1f2a1c;--terroir-color-accent:#2f5d1e;--terroir-font:inherit}
terroir-cart>a{color:#fff}
.crumbs{padding:.5rem 1rem 0;font-size:.875rem}
.crumbs ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
.crumbs li+li::before{content:"›";margin-right:.25rem;color:#5b6657}
main{display:block;max-width:64rem;margin:0 auto;padding:1rem}
.lede{font-size:1.1rem;color:#3b4637}
.eyebrow{font-size:.875rem;color:#4f5b4b;margin-bottom:.25rem}
.badge{display:inline-block;padding:0 .5rem;border-radius:1rem;background:#e7efd9;color:#23421a;font-size:.8125rem;margin-right:.25rem}
.badge.out{background:#f3e3d8;color:#6b2c00}
.media{aspect-ratio:4/3;background:#eef0e6;border-radius:.5rem;overflow:hidden;margin:0 0 1rem}
.media img{width:100%;height:100%;object-fit:cover}
.price{font-size:1.35rem;font-weight:700;margin:.25rem 0}
.unit{display:block;font-size:.875rem;font-weight:400;color:#4f5b4b}
.buy{border:1px solid #cfd6c4;border-radius:.5rem;padding:1rem;background:#fff;margin:1rem 0}
.buy fieldset{border:0;margin:0 0 .75rem;padding:0}
.buy legend{font-weight:700;margin-bottom:.25rem}
.variant{display:grid;grid-template-columns:auto 1fr auto;gap:0 .5rem;align-items:start;padding:.5rem 0;border-top:1px solid #eceee6;min-height:44px}
.variant input{width:1.25rem;height:1.25rem;margin:.2rem 0 0}
.variant .unit{grid-column:2/4}
.qty{display:flex;align-items:center;gap:.5rem;margin-bottom:.75rem}
.qty input{width:5rem;min-height:44px;font:inherit;padding:.25rem .5rem}
button,.button{font:inherit;font-weight:700;min-height:44px;padding:.5rem 1.25rem;border:0;border-radius:.5rem;background:#2f5d1e;color:#fff;cursor:pointer;text-decoration:none;display:inline-flex;align-items:center}
button:hover,.button:hover{background:#1b3a10;color:#fff}
.status{min-height:1.6em;margin:.5rem 0 0}
.hint{font-size:.875rem;color:#4f5b4b}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem;list-style:none;margin:0;padding:0}
.grid.products{grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.75rem}
.grid.products .card{padding:.5rem;display:flex;flex-direction:column}
.grid.products .media{aspect-ratio:1}
.grid.products .card>p:not(.price){font-size:.875rem}
.grid.products .card>p:nth-of-type(1){display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
.grid.products .price{font-size:1.1rem}
.grid.products .unit{display:block;font-size:.75rem;font-weight:400}
.quick-add{margin-top:auto}
.quick-add button,.button{display:inline-flex;align-items:center;justify-content:center;min-height:44px;padding:0 1rem;border-radius:.5rem;border:0;background:#2f5d1e;color:#fff;font:inherit;font-weight:700;text-decoration:none;cursor:pointer}
.quick-add button{width:100%}
.button.secondary{background:#fff;color:#2f5d1e;border:1px solid #2f5d1e}
.grid.products .button.secondary{margin-top:auto;width:100%}
.quick-add .status{display:block;min-height:1.25rem;font-size:.75rem;color:#3b4637}
.hero{display:grid;gap:1rem;margin:0 0 1rem}
.hero-media{aspect-ratio:16/9;border-radius:.75rem;overflow:hidden;background:#eef0e6}
.hero-media img{width:100%;height:100%;object-fit:cover}
.cta{display:flex;flex-wrap:wrap;gap:.5rem}
.chips{display:flex;gap:.5rem;overflow-x:auto;padding:.25rem 0 .5rem;margin:0 0 .5rem;scrollbar-width:thin}
.chips a{flex:none;display:inline-flex;align-items:center;min-height:44px;padding:0 1rem;border-radius:999px;background:#e7efd9;color:#23421a;text-decoration:none;font-weight:600}
.category{margin-top:1.5rem}
.more-stories{margin-top:1rem}
.card{background:#fff;border:1px solid #e1e5d8;border-radius:.5rem;padding:.75rem;height:100%}
.card .media{margin-bottom:.5rem}
.card h3 a{text-decoration:none}
.card h3 a:hover{text-decoration:underline}
.person{display:flex;gap:1rem;align-items:flex-start;background:#fff;border:1px solid #e1e5d8;border-radius:.5rem;padding:.75rem}
.person img{width:5rem;height:5rem;border-radius:50%;flex:none;object-fit:cover}
.prose{max-width:40rem}
.prose img{border-radius:.5rem}
figure{margin:1rem 0}
figcaption{font-size:.875rem;color:#4f5b4b}
.credit{display:block;font-size:.8125rem}
audio{width:100%;margin:.5rem 0}
.transcript{background:#fff;border-left:4px solid #9cb386;padding:.5rem 1rem;margin:.5rem 0 1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:700}dd{margin:0}
.memory{background:#fff;border-left:4px solid #9cb386;padding:.5rem 1rem;margin:1rem 0}
.memory-text{white-space:pre-line}
.memory-by{font-size:1rem;margin:0 0 .25rem}
.memory img{max-width:100%;height:auto;display:block;margin:.5rem 0}
.memory-form textarea,.memory-form input:not([type=radio]):not([type=checkbox]),.memory-form select{display:block;width:100%;max-width:40rem;font:inherit;padding:.4rem}
.form-error{border-left:4px solid #a4262c;padding:.25rem 1rem;margin:1rem 0;background:#fff}
.village-map{margin:1rem 0}
.map{position:relative;aspect-ratio:3/2;border-radius:.5rem;overflow:hidden;background:#eef0e6}
.map.plain{background:linear-gradient(160deg,transparent 70%,#cfe0ea 70%,#cfe0ea 78%,transparent 78%),#eef0e6}
.map img{width:100%;height:100%;object-fit:cover}
.map ul{list-style:none;margin:0;padding:0}
.map li{position:absolute;transform:translate(-50%,-50%)}
.map a{display:flex;align-items:center;gap:.25rem;min-height:44px;min-width:44px;text-decoration:none;font-size:.8125rem}
.pin{width:1rem;height:1rem;border-radius:50%;background:#b35c00;border:2px solid #fff;flex:none}
.pin-name{background:#fffc;padding:0 .25rem;border-radius:.25rem;max-width:7rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.portrait{width:10rem;border-radius:.5rem;margin-bottom:1rem}
.periods{display:flex;flex-wrap:wrap;gap:.25rem .75rem;list-style:none;padding:0}
.periods a,.periods span{display:inline-flex;align-items:center;min-height:44px}
.timeline,.exhibits{list-style:none;padding:0}
.timeline>li,.exhibits>li{margin:0 0 1rem}
.audio-guide{margin:0 0 1rem;height:auto}
.guide-controls{display:flex;flex-wrap:wrap;gap:.5rem}
.guide-controls button{min-height:44px;min-width:44px;padding:.5rem .9rem;font:inherit;border-radius:.5rem;border:1px solid #2f5d1e;background:#fff;color:#1f3d14}
.guide-controls .guide-start{background:#2f5d1e;color:#fff}
.guide-controls button:disabled{border-color:#8a9482;color:#4f5b4b}
.guide-status{min-height:1.5em;font-weight:600}
.exhibit-audio{margin:.75rem 0}
.exhibit-audio audio,.exhibit-audio video{width:100%}
.entry-picture{margin:.75rem 0}
.entry-picture img{max-width:min(100%,24rem);height:auto;border-radius:.5rem}
.exhibits>li[data-guide-current]{outline:3px solid #2f5d1e;outline-offset:2px}
.cue[aria-current]{background:#fff1b8}
.site-footer{margin-top:3rem;padding:1.5rem 1rem;background:#eef0e6;font-size:.875rem}
.site-footer>div{max-width:64rem;margin:0 auto}
.site,main,.site-footer{padding-left:max(1rem,env(safe-area-inset-left));padding-right:max(1rem,env(safe-area-inset-right))}
.later{content-visibility:auto;contain-intrinsic-size:auto 36rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.gallery{margin:0 0 1rem;min-width:0}
.slides{display:flex;overflow-x:auto;scroll-snap-type:x mandatory;scroll-behavior:smooth;overscroll-behavior-x:contain;list-style:none;margin:0;padding:0;border-radius:.5rem;scrollbar-width:none}
.slides::-webkit-scrollbar{display:none}
.slides>li{flex:0 0 100%;scroll-snap-align:start;scroll-snap-stop:always}
.slides .media{margin:0;border-radius:0}
.thumbs{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;margin:.5rem 0 0;padding:0}
.thumbs a{display:block;width:3.5rem;height:3.5rem;border-radius:.375rem;overflow:hidden;border:2px solid #cfd6c4;background:#eef0e6}
.thumbs a[aria-current=true]{border-color:#2f5d1e;box-shadow:0 0 0 2px #2f5d1e}
.thumbs img{width:100%;height:100%;object-fit:cover}
.facts{margin:.5rem 0 1rem}
.facts ul{list-style:none;margin:0;padding:0}
.buy-bar{display:none}
@media (max-width:37.5rem){
.buy-bar{position:sticky;bottom:0;z-index:5;display:flex;align-items:center;justify-content:space-between;gap:1rem;margin:1rem calc(-1 * max(1rem,env(safe-area-inset-right))) 0 calc(-1 * max(1rem,env(safe-area-inset-left)));padding:.5rem max(1rem,env(safe-area-inset-right)) calc(.5rem + env(safe-area-inset-bottom)) max(1rem,env(safe-area-inset-left));background:#fff;border-top:1px solid #cfd6c4;box-shadow:0 -2px 8px #0000001a}
.buy-bar p{margin:0;font-size:1.125rem;white-space:nowrap}
.buy-bar small{font-size:.875rem}
.buy-bar form{margin:0}
.buy-bar .button,.buy-bar button{flex:none;white-space:nowrap;padding:0 1rem}
}
@media (min-width:37.5625rem){
.product-top{display:grid;grid-template-columns:1fr 1fr;gap:2rem;align-items:start}
}
@media (min-width:48rem){
.hero{grid-template-columns:1.2fr 1fr;align-items:center}
.grid.products{grid-template-columns:repeat(auto-fill,minmax(13rem,1fr))}
h1{font-size:2.1rem}
}
@media (prefers-reduced-motion:reduce){*{scroll-behavior:auto!important;transition:none!important}}
`.replace(/\n/g, '');

/**
 * The one style sheet of the public pages, inlined and allowed by its hash (see
 * security.ts). Mobile first; colours meet WCAG 2.1 AA (text at least 4.5:1,
 * borders of controls at least 3:1 on white); touch targets at least 44 px. A heading
 * a script moves focus to (the status result) is not a control and draws no focus ring.
 */
export const styleSheet = `
:root{--ink:#1d2733;--muted:#4a5666;--line:#d5dbe3;--field:#69778a;--bg:#f3f5f8;--card:#fff;
--accent:#0a5a8c;--accent-dark:#084872;--accent-soft:#e8f1f8;--err:#b42318;--err-soft:#fdf1f0;
--warn:#7a4a00;--warn-soft:#fff6e0;--warn-line:#c98a12;--ok:#1a6b3c;--ok-soft:#eaf6ee;--focus:#ffbf47;
color-scheme:light}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:17px/1.65 -apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC","Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
:lang(en) body,body:lang(en){line-height:1.55}
a{color:var(--accent);text-underline-offset:.18em}
a:hover{color:var(--accent-dark);text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:0;box-shadow:0 0 0 6px var(--ink)}
a:focus-visible{background:var(--focus);color:var(--ink);box-shadow:0 3px 0 var(--ink);outline:none;text-decoration:none}
.vh{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.skip{position:absolute;left:8px;top:-60px;padding:10px 14px;background:var(--focus);color:var(--ink);z-index:9}
.skip:focus{top:8px}
html:not(.js) .js-only{display:none!important}
html.js .no-js-only{display:none!important}
[hidden]{display:none!important}
header.top{background:var(--accent);color:#fff}
.bar{max-width:44rem;margin:0 auto;padding:10px 16px;display:flex;align-items:center;justify-content:space-between;gap:12px}
.brand{color:#fff;font-weight:600;font-size:1.05rem;text-decoration:none;min-height:44px;display:inline-flex;align-items:center}
.brand:hover{color:#fff;text-decoration:underline}
.lang{color:#fff;border:1px solid rgba(255,255,255,.75);border-radius:999px;padding:0 16px;min-height:44px;min-width:44px;display:inline-flex;align-items:center;justify-content:center;text-decoration:none;font-size:.95rem}
.lang:hover{color:#fff;background:rgba(255,255,255,.14)}
main{display:block;max-width:44rem;margin:0 auto;padding:20px 16px 32px}
main:focus{outline:none}
h1[tabindex="-1"]:focus,h2[tabindex="-1"]:focus{outline:none;box-shadow:none}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:20px 18px;margin:0 0 18px}
h1{font-size:1.6rem;line-height:1.3;margin:6px 0 12px;font-weight:650}
h2{font-size:1.2rem;line-height:1.35;margin:0 0 10px;font-weight:650}
h3{font-size:1.05rem;margin:0 0 6px}
p{margin:0 0 12px}
.lead{font-size:1.05rem}
.muted,.hint{color:var(--muted)}
.hint{display:block;font-size:.95rem;margin:2px 0 8px}
.field{margin:0 0 22px}
.field:last-child{margin-bottom:0}
label,.label{display:block;font-weight:600;margin:0 0 2px}
fieldset{border:0;margin:0 0 22px;padding:0;min-width:0}
legend{font-weight:650;font-size:1.1rem;padding:0;margin:0 0 4px}
.card>fieldset:last-child{margin-bottom:0}
input[type=text],input[type=email],input[type=tel],input[type=url],select,textarea{display:block;width:100%;min-height:48px;padding:10px 12px;font:inherit;font-size:17px;color:var(--ink);background:#fff;border:2px solid var(--field);border-radius:8px;appearance:none}
select{padding-right:40px;background-image:linear-gradient(45deg,transparent 50%,var(--ink) 50%),linear-gradient(135deg,var(--ink) 50%,transparent 50%);background-position:calc(100% - 20px) 50%,calc(100% - 14px) 50%;background-size:6px 6px;background-repeat:no-repeat}
textarea{min-height:9rem;resize:vertical;line-height:1.55}
#f-request{min-height:6rem}
input:focus,select:focus,textarea:focus{outline:3px solid var(--focus);outline-offset:0;border-color:var(--ink);box-shadow:inset 0 0 0 1px var(--ink)}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;letter-spacing:.02em}
.choice{position:relative;display:flex;gap:12px;align-items:flex-start;padding:10px 12px;margin:0 0 8px;border:2px solid var(--line);border-radius:10px;min-height:48px;background:#fff}
.choice:has(input:checked){border-color:var(--accent);background:var(--accent-soft)}
.choice input{flex:none;width:24px;height:24px;margin:2px 0 0;accent-color:var(--accent)}
.choice label{font-weight:600;margin:0;cursor:pointer}
.choice label::after{content:"";position:absolute;inset:0}
.choice .hint{margin:2px 0 0;font-weight:400}
.choices-inline{display:flex;flex-wrap:wrap;gap:8px}
.choices-inline .choice{flex:1 1 10rem;margin:0}
.counter{font-size:.95rem;color:var(--muted);margin:6px 0 0}
.counter.over{color:var(--err);font-weight:600}
.note{border-left:4px solid var(--accent);background:var(--accent-soft);padding:10px 14px;border-radius:0 8px 8px 0;margin:4px 0 14px}
.note p:last-child{margin:0}
.warn{border-left:4px solid var(--warn-line);background:var(--warn-soft);color:var(--warn);padding:12px 14px;border-radius:0 8px 8px 0;margin:0 0 16px}
.warn strong{color:#5a3600}
.evidence-item{margin:0 0 14px}
.row{display:flex;gap:8px;align-items:stretch}
.row input{flex:1 1 auto;min-width:0}
button,.button{font:inherit;cursor:pointer;border-radius:8px;min-height:48px;padding:10px 18px;border:2px solid var(--accent);background:#fff;color:var(--accent);font-weight:600;display:inline-flex;align-items:center;justify-content:center;gap:6px;text-decoration:none}
button:hover,.button:hover{background:var(--accent-soft);color:var(--accent-dark)}
button.primary,.button.primary{background:var(--accent);color:#fff;border-color:var(--accent);font-size:1.1rem;min-width:12rem}
button.primary:hover,.button.primary:hover{background:var(--accent-dark);border-color:var(--accent-dark);color:#fff}
button[disabled],button[aria-disabled=true]{opacity:.6;cursor:not-allowed}
button.quiet{border-color:var(--line);color:var(--ink);min-width:44px;padding:8px 14px}
.actions{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin:8px 0 0}
@media (max-width:30rem){button.primary,.button.primary{width:100%}}
.field-error{color:var(--err);font-weight:600;margin:4px 0 6px}
.has-error{border-left:4px solid var(--err);padding-left:12px}
.has-error input,.has-error select,.has-error textarea,input[aria-invalid=true],select[aria-invalid=true],textarea[aria-invalid=true]{border-color:var(--err)}
.has-error .field:not(.has-error) input:not([aria-invalid=true]){border-color:var(--field)}
.summary{border:3px solid var(--err);background:#fff;border-radius:12px;padding:16px 18px;margin:0 0 18px}
.summary:focus{outline:3px solid var(--focus);outline-offset:2px}
.summary ul{margin:0;padding-left:1.2em}
.summary li{margin:4px 0}
.summary a{color:var(--err);font-weight:600}
.alert{border:2px solid var(--warn-line);background:var(--warn-soft);color:var(--ink);border-radius:12px;padding:14px 16px;margin:0 0 18px}
.alert:focus{outline:3px solid var(--focus);outline-offset:2px}
.alert h2{font-size:1.1rem;margin-bottom:6px}
.alert p:last-child{margin:0}
.done-head{border:0;background:var(--ok);color:#fff;border-radius:12px;padding:18px;margin:0 0 18px}
.done-head h1{margin:0 0 4px;color:#fff}
.done-head p{margin:0}
.secret{margin:0 0 16px}
.secret .value{display:block;font-size:1.35rem;font-weight:700;word-break:break-all;background:var(--bg);border:2px dashed var(--field);border-radius:8px;padding:10px 12px;margin:4px 0 8px;user-select:all;-webkit-user-select:all}
.secret .value.token{font-size:1.05rem}
.copied{color:var(--ok);font-weight:600;margin-left:4px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;margin:0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0;font-weight:600}
.state{display:inline-block;background:var(--accent);color:#fff;border-radius:999px;padding:2px 14px;font-weight:650;font-size:1.15rem}
.state-hint{margin:10px 0 6px}
.expect{font-weight:600;margin:10px 0 0}
ol.timeline{list-style:none;margin:0;padding:0}
ol.timeline li{position:relative;padding:0 0 14px 26px;border-left:2px solid var(--line);margin-left:7px}
ol.timeline li:last-child{border-left-color:transparent;padding-bottom:0}
ol.timeline li::before{content:"";position:absolute;left:-9px;top:4px;width:12px;height:12px;border-radius:50%;background:#fff;border:3px solid var(--accent)}
ol.timeline li:first-child::before{background:var(--accent)}
ol.timeline time{display:block;color:var(--muted);font-size:.95rem}
ol.timeline .what{font-weight:600}
ol.timeline .note-text{margin:2px 0 0;white-space:pre-wrap}
.result-text{white-space:pre-wrap;margin:0}
ul.plain{list-style:none;margin:0;padding:0}
ul.plain li{padding:8px 0;border-top:1px solid var(--line)}
ul.plain li:first-child{border-top:0}
.soon{display:inline-block;font-size:.85rem;color:var(--muted);border:1px solid var(--line);border-radius:999px;padding:0 10px;margin-left:6px}
table.figures{width:100%;border-collapse:collapse;margin:0 0 18px;font-variant-numeric:tabular-nums}
table.figures th,table.figures td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
table.figures td.n{text-align:right;white-space:nowrap}
svg.chart{display:block;max-width:100%;height:auto;margin:0 0 18px}
.who{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:center;justify-content:space-between;margin:0 0 14px}
.who p{margin:0;min-width:0;overflow-wrap:anywhere}
.tabs{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 14px}
.tab{flex:1 1 auto;min-width:44px;padding:8px 12px;border-color:var(--line);color:var(--ink)}
.tab[aria-pressed=true]{background:var(--accent);border-color:var(--accent);color:#fff}
.badge{display:inline-block;font-size:.85rem;font-weight:600;border:1px solid var(--field);border-radius:999px;padding:0 10px;margin-left:6px;white-space:nowrap}
.badge.overdue,.overdue>.due,.due.overdue{color:var(--err);border-color:var(--err)}
.badge.overdue{background:var(--err-soft)}
ul.worklist{list-style:none;margin:0 0 8px;padding:0}
ul.worklist li{padding:10px 0;border-top:1px solid var(--line)}
ul.worklist li.overdue{border-left:4px solid var(--err);padding-left:10px}
ul.worklist p{margin:0}
.row-head{display:flex;flex-wrap:wrap;align-items:center;gap:4px}
.case-link{font-weight:650;font-size:1.05rem;min-height:44px;display:inline-flex;align-items:center}
.due{font-weight:600}
.pre{white-space:pre-wrap;overflow-wrap:anywhere}
dl.stack dt{color:var(--muted);margin-top:8px}
dl.stack dd{margin:0}
dl.facts dd{overflow-wrap:anywhere}
details.explain{color:var(--muted);font-size:.95rem;margin:2px 0 0}
details.explain>summary{cursor:pointer;min-height:44px;display:flex;align-items:center;color:var(--accent)}
details.explain ul{margin:0;padding-left:1.2em}
details.action{border:1px solid var(--line);border-radius:10px;margin:0 0 10px;background:#fff}
details.action>summary{cursor:pointer;font-weight:650;padding:10px 14px;min-height:44px;display:flex;align-items:center}
details.action[open]>summary{border-bottom:1px solid var(--line)}
details.action>form{padding:14px}
input[type=datetime-local]{display:block;width:100%;min-height:48px;padding:10px 12px;font:inherit;color:var(--ink);background:#fff;border:2px solid var(--field);border-radius:8px}
footer.bottom{max-width:44rem;margin:0 auto;padding:0 16px 40px;color:var(--muted);font-size:.92rem}
footer.bottom p{margin:0 0 6px}
@media (min-width:48rem){main{padding-top:32px}.card{padding:28px 32px}h1{font-size:1.9rem}}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
@media (forced-colors:active){.choice:has(input:checked){outline:2px solid Highlight}.state{border:1px solid}}
`.trim();

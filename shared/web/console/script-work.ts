/**
 * The staff console script, part 2: the address (`?case=` opens a case, otherwise the
 * work list; back and forward work) and the work list: the four views, the status
 * filter and "more" through the API's cursor, each row with its deadline and overdue mark.
 */
export const consoleWork = `
var view=null,cursor=null,list=$('work-list');
function withCase(n){var q=new URLSearchParams(location.search);q.delete('code');q.delete('state');if(n)q.set('case',n);else q.delete('case');
var text=q.toString();return location.pathname+(text?'?'+text:'');}
function go(n){history.pushState(null,'',withCase(n));route();}
function route(){if(!me)return;show('entry',false);show('reports',false);$('reports-open').hidden=!mayReadReports();var n=caseParam();
if(n){show('work',false);openCase(n);}else{show('case',false);show('work',true);if(view===null)pick(me.roles.indexOf('handler')>=0?'mine':'department');}}
window.addEventListener('popstate',route);
$('lang-switch').addEventListener('click',function(){var n=caseParam(),a=$('lang-switch');if(n)a.href=a.href.split('&case=')[0]+'&case='+encodeURIComponent(n);});
function pick(v){view=v;each(d.querySelectorAll('[data-view]'),function(b){b.setAttribute('aria-pressed',String(b.getAttribute('data-view')===v));});loadList(false);}
each(d.querySelectorAll('[data-view]'),function(b){b.addEventListener('click',function(){pick(b.getAttribute('data-view'));});});
$('f-status').addEventListener('change',function(){loadList(false);});
$('work-more').addEventListener('click',function(){loadList(true);});
function row(c){var a=el('a','case-link',[c.caseNumber]);a.href=withCase(c.caseNumber);
a.addEventListener('click',function(e){e.preventDefault();go(c.caseNumber);});
var facts=[word('kind.word.',c.kind),data.categories[c.category]||c.category,c.level?word('level.',c.level):null,c.priority?word('priority.',c.priority):null].filter(Boolean).join(' · ');
var due=c.expectedBy?t('staff.work.due',{time:when(c.expectedBy)}):t('staff.work.noDue');
var li=el('li',c.overdue?'overdue':null,[el('p','row-head',[a,el('span','badge',[word('state.',c.status)]),c.overdue?el('span','badge overdue',[t('staff.overdue')]):null]),
el('p','muted',[facts]),el('p',c.overdue?'due overdue':'due',[due]),c.assignee?el('p','muted',[t('staff.case.assignee')+': '+c.assignee]):null]);
return li;}
function loadList(more){var q=new URLSearchParams({view:view}),status=$('f-status').value;if(status)q.set('status',status);if(more&&cursor)q.set('cursor',cursor);
if(!more)list.textContent='';$('work-more').hidden=true;$('work-state').textContent=t('staff.work.loading');
var asked=view;api('GET','/staff/cases?'+q.toString()).then(function(r){if(asked!==view)return;
if(!r.ok){$('work-state').textContent=r.status===401?'':t('staff.action.failed');return;}
r.body.items.forEach(function(c){list.appendChild(row(c));});cursor=r.body.cursor||null;$('work-more').hidden=!cursor;
$('work-state').textContent=list.children.length?'':t('staff.work.empty');})
.catch(function(){$('work-state').textContent=t('staff.action.failed');});}
`;

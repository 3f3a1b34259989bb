/**
 * The staff console script, part 3: the case view (facts, content, contact with the
 * reveal form, deadlines with their explanations, history) and the action forms the
 * case offers now: by its status (the domain's `allowedFrom`, page data), for the
 * supervisor-only ones the caller's roles, and what waits for a decision: a level-3
 * reply held for approval and an extension request show in the history (the API's case
 * view has no field for them) - a reply is held when no answer, feedback or appeal
 * followed it in a working status. Every post carries the `version` shown; a
 * 409 keeps what was typed and offers to reload, a 403 says the action is not theirs.
 */
export const consoleCase = `
var current=null,revealed={};
function fact(label,value){return value===undefined||value===null||value===''?[]:[el('dt',null,[label]),el('dd',null,[value])];}
function facts(c){return [].concat(fact(t('staff.case.kind'),word('kind.word.',c.kind)),fact(t('staff.case.type'),c.type?word('staff.type.',c.type):''),
fact(t('staff.case.category'),data.categories[c.category]||c.category),fact(t('staff.case.level'),c.level?word('level.',c.level):''),
fact(t('staff.case.priority'),c.priority?word('priority.',c.priority):''),fact(t('staff.case.department'),c.department?data.departments[c.department]||c.department:''),
fact(t('staff.case.assignee'),c.assignee||t('staff.case.unassigned')),fact(t('staff.case.receivedAt'),time(c.receivedAt)),fact(t('staff.case.channel'),c.channel?word('staff.channel.',c.channel):''),
fact(t('staff.case.expectedBy'),c.expectedBy?time(c.expectedBy):''),fact(t('staff.case.confidential'),t(c.confidential?'staff.case.yes':'staff.case.no')),fact(t('staff.case.goodFaith'),t(c.goodFaith?'staff.case.yes':'staff.case.no')));}
function subjectText(v){if(!v)return '';if(typeof v==='string')return v;return (v.type?word('staff.subject.',v.type)+': ':'')+(v.value||'');}
function evidenceList(items){if(!items||!items.length)return t('staff.case.noEvidence');
return el('ul','plain',items.map(function(x){if(x&&x.download){var a=el('a','evidence-file',[x.fileName+' ('+x.size+' B) - '+t('staff.case.download')]);
a.href=x.download.url;a.rel='noreferrer noopener';return el('li',null,[a]);}
if(x&&x.available===false)return el('li','pre',[x.uploadId+' '+t('staff.case.fileUnavailable')]);
return el('li','pre',[typeof x==='string'?x:(x.url||x.fileName||x.name||x.uploadId||JSON.stringify(x))]);}));}
function contactBlock(c){var box=$('case-contact'),contact=c.contact||revealed[c.caseNumber];box.textContent='';
$('reveal-form').hidden=!(c.contactHidden&&!contact);
if(contact){box.append(el('dl','facts',[].concat(fact(t('staff.case.contactName'),contact.name),fact(t('staff.case.contactEmail'),contact.email),fact(t('staff.case.contactPhone'),contact.phone))));}
else box.append(el('p','muted',[t(c.contactHidden?'staff.case.contactHidden':'staff.case.noContact')]));}
function explain(x){if(x===undefined||x===null)return null;var body;
if(typeof x==='string'||typeof x.text==='string')body=el('p','pre',[typeof x==='string'?x:x.text]);
else body=el('ul',null,Object.keys(x).map(function(k){var v=x[k];return el('li',null,[k+': '+(typeof v==='string'?v:JSON.stringify(v))]);}));
return el('details','explain',[el('summary',null,[t('staff.case.explain')]),body]);}
function deadline(x){var late=x.state==='overdue';
return el('li',late?'overdue':null,[el('p','row-head',[el('strong',null,[word('staff.deadline.',x.name)]),el('span',late?'badge overdue':'badge',[word('staff.dstate.',x.state)])]),
x.dueAt?el('p',null,[time(x.dueAt)]):null,explain(x.explanation)]);}
function entry(h){return el('li',null,[time(h.at),el('span','what',[word('staff.action.',h.action)]),el('span','muted',[' · '+h.actor]),h.note?el('p','note-text',[h.note]):null]);}
function lastOf(c,names){var h=(c.history||[]).filter(function(x){return names.indexOf(x.action)>=0;});return h.length?h[h.length-1].action:null;}
function mayOffer(a,c){if((data.offers[a]||[]).indexOf(c.status)<0)return false;
var held=lastOf(c,['reply','approve-reply','feedback','appeal','review'])==='reply';
if(a==='reply'&&held)return false;if(a==='approve-reply'&&!held)return false;
if(/-report$/.test(a)&&!/hot|major/.test(c.priority)||a==='approve-report'&&lastOf(c,[a,'write-report'])!=='write-report')return false;
if(a==='decide-extension'&&lastOf(c,['request-extension','decide-extension'])!=='request-extension')return false;
if(data.supervisorActions.indexOf(a)>=0)return me.roles.indexOf('supervisor')>=0||me.roles.indexOf('admin')>=0;
if(a==='request-extension')return c.assignee===me.email;return true;}
function render(c){current=c;$('case-title').textContent=c.caseNumber;$('case-status').textContent=word('state.',c.status);$('case-overdue').hidden=!c.overdue;
$('case-facts').replaceChildren.apply($('case-facts'),facts(c));
$('case-content').replaceChildren.apply($('case-content'),[].concat(fact(t('staff.case.subject'),subjectText(c.subject)),fact(t('staff.case.description'),el('span','pre',[c.description||''])),
fact(t('staff.case.request'),c.request?el('span','pre',[c.request]):''),fact(t('staff.case.evidence'),evidenceList(c.evidence))));
contactBlock(c);var ds=c.deadlines||[];
$('case-deadlines').replaceChildren.apply($('case-deadlines'),ds.length?ds.map(deadline):[el('li','muted',[t('staff.case.noDeadlines')])]);
$('case-history').replaceChildren.apply($('case-history'),(c.history||[]).slice().reverse().map(entry));
var any=false;each(d.querySelectorAll('details[data-action]'),function(x){var on=mayOffer(x.getAttribute('data-action'),c);x.hidden=!on;any=any||on;});
$('actions-none').hidden=any;fillTemplates(c);show('case-body',true);}
function openCase(n,quiet){show('case',true);if(!quiet){show('case-body',false);alertIn($('action-alert'),'');}
$('case-state').textContent=quiet?'':t('staff.case.loading');
return api('GET','/staff/cases/'+encodeURIComponent(n)).then(function(r){if(caseParam()!==n)return;$('case-state').textContent='';
if(r.ok){render(r.body);if(!quiet)$('case-title').focus();}else if(r.status!==401)$('case-state').textContent=t(r.status===404?'staff.case.notFound':'staff.action.failed');})
.catch(function(){$('case-state').textContent=t('staff.action.failed');});}
$('case-back').addEventListener('click',function(e){e.preventDefault();go(null);});
$('case-reload').addEventListener('click',function(){$('case-reload').hidden=true;alertIn($('action-alert'),'');openCase(current.caseNumber,true);});
function fillTemplates(c){var set=data.templates[c.category]||data.templates['*'];
each(d.querySelectorAll('select[data-template]'),function(sel){while(sel.options.length>1)sel.remove(1);
['zh-CN','en'].forEach(function(lang){var o=el('option',null,[t('staff.template.option',{category:data.categories[c.category]||c.category,language:t('staff.template.'+lang)})]);o.value=lang;sel.append(o);});
sel.value='';});}
each(d.querySelectorAll('select[data-template]'),function(sel){sel.addEventListener('change',function(){if(!sel.value||!current)return;
var tpl=(data.templates[current.category]||data.templates['*'])[sel.value],form=sel.form;
Object.keys(tpl).forEach(function(k){var f=form.elements.namedItem(k);if(f)f.value=tpl[k].split('{caseNumber}').join(current.caseNumber);});});});
function bodyOf(form,body){each(form.querySelectorAll('[name]'),function(x){var type=x.getAttribute('data-type'),v=type==='checkbox'?x.checked:String(x.value).trim();
if(v==='')return;var path=x.name.split('.'),at=body;path.slice(0,-1).forEach(function(p){at=at[p]=at[p]||{};});var k=path[path.length-1];
if(type==='lines')at[k]=v.split(String.fromCharCode(10)).map(function(l){return l.trim();}).filter(Boolean);
else if(type==='decision')at[k]=v==='yes';else if(type==='number')at[k]=Number(v);
else if(type==='datetime')at[k]=new Date(v+(v.length===16?':00':'')+data.offset).toISOString();else at[k]=v;});return body;}
function problem(r){var errors=(r.body.errors||[]).map(function(x){return x.field+': '+(x.message||x.code);});
if(r.status===409)return t('staff.action.conflict');if(r.status===403)return t('staff.action.forbidden')+(r.body.detail?' '+r.body.detail:'');
if(r.status===400||r.status===422)return t('staff.action.invalid')+' '+(errors.join('; ')||r.body.detail||'');return t('staff.action.failed');}
function post(form,body,done){var button=form.querySelector('button[type=submit]');if(button.getAttribute('aria-disabled')==='true')return;busy(button,true);
var n=current.caseNumber;body.version=current.version;
api('POST','/staff/cases/'+encodeURIComponent(n)+'/actions',body).then(function(r){
if(r.ok){done(r.body);return;}if(r.status===401)return;
alertIn($('action-alert'),problem(r));$('case-reload').hidden=r.status!==409;})
.catch(function(){alertIn($('action-alert'),t('staff.action.failed'));}).then(function(){busy(button,false);});}
$('action-forms').addEventListener('submit',function(e){var form=e.target;e.preventDefault();var a=form.getAttribute('data-action');
post(form,bodyOf(form,{action:a}),function(b){form.reset();form.parentNode.open=false;
openCase(b.caseNumber,true).then(function(){alertIn($('action-alert'),t('staff.action.done',{action:t('staff.action.'+a),status:word('state.',b.status)}));});});});
$('reveal-form').addEventListener('submit',function(e){e.preventDefault();var form=e.target;
post(form,bodyOf(form,{action:'reveal-contact'}),function(b){form.reset();if(b.contact)revealed[b.caseNumber||current.caseNumber]=b.contact;
openCase(current.caseNumber,true).then(function(){alertIn($('action-alert'),t('staff.revealed'));});});});
`;

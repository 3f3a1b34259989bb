import { prelude } from '../prelude';

/**
 * The administration page's script (`GET /staff-admin`), plain ES2017 text allowed by its
 * hash. It uses the console's sign-in of this tab (the ID token in sessionStorage
 * `staff.idToken`; none or a 401: a link back to the console) and reads and changes the
 * directory only through `/admin/...`. The DOM is built with `createElement`/`textContent`
 * only. Every write carries the `version` read; a 409 says someone else changed the entry
 * and offers a reload that keeps what was typed; a 400 names the fields.
 */
const core = `
var store=window.sessionStorage,me=null,tab=null,editing=null,limitsVersion=null,again=false,after='',loads=0;
function $(id){return d.getElementById(id);}
function show(id,on){$(id).hidden=!on;}
function el(tag,cls,children){var e=d.createElement(tag);if(cls)e.className=cls;(children||[]).forEach(function(c){if(c!==null&&c!==undefined&&c!=='')e.append(c);});return e;}
function has(role){return me.roles.indexOf(role)>=0;}
function isAdmin(){return has('admin');}
function say(text,reload){var box=$('admin-alert');box.hidden=!text;box.querySelector('p').textContent=text||'';$('admin-reload').hidden=!reload;if(text)box.focus();}
function state(text){$('admin-state').textContent=text||'';}
function rows(b){return Array.isArray(b)?b:(b.items||[]);}
function api(method,path,body){var headers={Authorization:'Bearer '+store.getItem('staff.idToken'),Accept:'application/json'};if(body)headers['content-type']='application/json';
return fetch(path,{method:method,headers:headers,body:body?JSON.stringify(body):undefined,cache:'no-store',credentials:'omit'}).then(function(r){
return r.text().then(function(x){var b=null;if(x&&(r.headers.get('content-type')||'').indexOf('json')>=0)b=JSON.parse(x);if(r.status===401)signedOut();return {status:r.status,ok:r.ok,body:b||{}};});});}
function signedOut(){store.removeItem('staff.idToken');me=null;['who','admin-tabs'].forEach(function(id){show(id,false);});
each(d.querySelectorAll('[id^=tab-]'),function(s){s.hidden=true;});show('admin-signin',true);}
function refused(r,form){if(r.status===401)return;
each(d.querySelectorAll('[aria-invalid]'),function(x){x.removeAttribute('aria-invalid');});
if(r.status===409)return say(t('admin.conflict'),true);
if(r.status===403)return say(t('admin.forbidden')+(r.body.detail?' '+r.body.detail:''));
if(r.status===400){var errors=(r.body.errors||[]).map(function(x){return {field:String(x.path||x.field),text:x.message||x.code};});
errors.forEach(function(x){var c=form&&form.querySelector('[name="'+x.field.split('.')[0]+'"]');if(c)c.setAttribute('aria-invalid','true');});
return say(t('admin.invalid')+' '+(errors.map(function(x){return x.field+': '+x.text;}).join('; ')||r.body.detail||''));}
say(t('admin.failed'));}
function send(button,method,path,body,form,done){if(button.getAttribute('aria-disabled')==='true')return;button.setAttribute('aria-disabled','true');button.textContent=t('admin.busy');say('');
api(method,path,body).then(function(r){if(!r.ok)return refused(r,form);after=t('admin.saved');done(r.body);if(after){state(after);after='';}})
.catch(function(){say(t('admin.failed'));}).then(function(){button.removeAttribute('aria-disabled');button.textContent=button.getAttribute('data-label');});}
function onSubmit(form,fn){form.addEventListener('submit',function(e){e.preventDefault();fn(form.querySelector('button[type=submit]'));});}
function field(form,name){var x=form.querySelector('[name="'+name+'"]');return x?String(x.value).trim():'';}
function ticked(form,name){return Array.prototype.filter.call(form.querySelectorAll('[name="'+name+'"]'),function(x){return x.checked;}).map(function(x){return x.value;});}
function button(label,fn){var b=el('button','quiet',[label]);b.type='button';b.setAttribute('data-label',label);b.addEventListener('click',function(){fn(b);});return b;}
function deptName(x){return x.name?(x.name[data.language]||x.id):x.id;}
function today(){return new Intl.DateTimeFormat('en-CA',{timeZone:data.timeZone}).format(new Date());}
function when(iso){try{return new Intl.DateTimeFormat(data.language,{timeZone:data.timeZone,year:'numeric',month:'2-digit',day:'2-digit',hour:'2-digit',minute:'2-digit',hourCycle:'h23'}).format(new Date(iso));}catch(e){return String(iso);}}
var loaders={};
function pick(name){tab=name;say('');each(d.querySelectorAll('[data-tab]'),function(b){b.setAttribute('aria-pressed',String(b.getAttribute('data-tab')===name));});
each(d.querySelectorAll('[id^=tab-]'),function(s){s.hidden=s.id!=='tab-'+name;});load();}
function load(){var note=after,n=++loads;after='';state(t('admin.loading'));loaders[tab]().then(function(){if(n===loads)state(note);})
.catch(function(){if(n===loads)state('');say(t('admin.failed'));}).then(function(){if(n===loads)again=false;});}
function got(r){if(!r.ok){if(r.status!==401)refused(r);throw 0;}return r.body;}
$('admin-reload').addEventListener('click',function(){say('');again=true;load();});
each(d.querySelectorAll('[data-tab]'),function(b){b.addEventListener('click',function(){pick(b.getAttribute('data-tab'));});});
`;

/** Absences: everyone's own; a supervisor's departments' and (admin) everyone's too. */
const absences = `
var staffKnown=[];
loaders.absences=function(){var lists=[api('GET','/admin/absences').then(got)];if(isAdmin()||has('supervisor'))lists.push(api('GET','/admin/staff').then(got));
return Promise.all(lists).then(function(a){if(a[1])staffKnown=rows(a[1]);var mine=$('absences-mine'),others=$('absences-others');mine.textContent='';others.textContent='';
rows(a[0]).forEach(function(x){var own=x.email.toLowerCase()===me.email.toLowerCase();
(own?mine:others).appendChild(el('li',null,[el('p',null,[(own?'':x.email+' · ')+x.from+' – '+x.to+(x.reason?' · '+x.reason:'')]),
button(t('admin.delete'),function(b){send(b,'DELETE','/admin/absences/'+encodeURIComponent(x.id)+'?version='+x.version,null,null,load);})]));});
if(!mine.children.length)mine.appendChild(el('li','muted',[t('admin.empty')]));show('absences-others-box',others.children.length>0);
var who=$('ab-email'),chosen=who.value;who.textContent='';[me].concat(staffKnown.filter(function(m){return m.active!==false&&m.email.toLowerCase()!==me.email.toLowerCase();})).forEach(function(m){
var o=el('option',null,[m.name+' ('+m.email+')']);o.value=m.email;who.appendChild(o);});if(chosen)who.value=chosen;
if(!$('ab-from').value){$('ab-from').value=today();$('ab-to').value=today();}});};
onSubmit($('absence-form'),function(b){var f=$('absence-form'),body={email:field(f,'email'),from:field(f,'from'),to:field(f,'to')};if(field(f,'reason'))body.reason=field(f,'reason');
send(b,'POST','/admin/absences',body,f,function(){$('ab-reason').value='';load();});});
`;

/** Staff: the list with load and absence, add (admin; a supervisor adds handlers to their departments), edit, deactivate. */
const staff = `
var departments=[];
function roleWords(roles){return roles.map(function(r){return t('staff.role.'+r);}).join('、');}
function departmentChoices(){var box=$('s-departments');box.textContent='';departments.forEach(function(x){var id='s-departments-'+x.id,c=el('input');c.type='checkbox';c.id=id;c.name='departments';c.value=x.id;
var l=el('label',null,[deptName(x)]);l.htmlFor=id;box.appendChild(el('div','choice',[c,l]));});}
function staffForm(m){var f=$('staff-form');editing=m||null;if(!m)f.reset();$('s-email').readOnly=!!m;show('s-active-box',!!m);show('staff-cancel',!!m);
$('staff-form-title').textContent=m?t('admin.staff.edit',{email:m.email}):t('admin.staff.add');
each(f.querySelectorAll('[name=roles]'),function(x){x.parentNode.hidden=!isAdmin()&&x.value!=='handler';});
if(m){$('s-email').value=m.email;$('s-name').value=m.name;$('s-supervisor').value=m.supervisor||'';$('s-active').checked=m.active!==false;
each(f.querySelectorAll('[name=roles]'),function(x){x.checked=m.roles.indexOf(x.value)>=0;});each(f.querySelectorAll('[name=departments]'),function(x){x.checked=m.departments.indexOf(x.value)>=0;});$('staff-form-title').focus();}}
loaders.staff=function(){return Promise.all([api('GET','/admin/staff').then(got),isAdmin()?api('GET','/admin/departments').then(got).then(rows):Promise.resolve(me.departments)]).then(function(a){
var list=$('staff-list'),kept=ticked($('staff-form'),'departments');list.textContent='';departments=a[1];departmentChoices();
each($('staff-form').querySelectorAll('[name=departments]'),function(x){x.checked=kept.indexOf(x.value)>=0;});
rows(a[0]).forEach(function(m){if(editing&&editing.email===m.email)editing.version=m.version;
list.appendChild(el('li',m.active===false?'muted':null,[el('p','row-head',[el('strong',null,[m.name]),' ',m.absent?el('span','badge overdue',[t('admin.staff.absent')]):null,m.active===false?el('span','badge',[t('admin.staff.inactive')]):null]),
el('p','muted',[m.email]),el('p',null,[roleWords(m.roles)+' · '+m.departments.map(function(id){var x=departments.filter(function(y){return y.id===id;})[0];return x?deptName(x):id;}).join('、')+' · '+t('admin.staff.open',{count:m.openCases})]),
button(t('admin.edit'),function(){staffForm(m);})]));});
if(!list.children.length)list.appendChild(el('li','muted',[t('admin.empty')]));if(!editing&&!again)staffForm(null);});};
$('staff-cancel').addEventListener('click',function(){staffForm(null);});
onSubmit($('staff-form'),function(b){var f=$('staff-form'),body={name:field(f,'name'),roles:ticked(f,'roles'),departments:ticked(f,'departments')};if(field(f,'supervisor'))body.supervisor=field(f,'supervisor');
if(editing){body.version=editing.version;body.active=$('s-active').checked;send(b,'PATCH','/admin/staff/'+encodeURIComponent(editing.email),body,f,function(){editing=null;load();});}
else{body.email=field(f,'email');send(b,'POST','/admin/staff',body,f,function(x){after=t('admin.staff.added',{email:x.email||body.email});load();});}});
`;

/** Departments and categories (admin): a category moves to another department. */
const structure = `
loaders.structure=function(){return Promise.all([api('GET','/admin/departments').then(got),api('GET','/admin/categories').then(got)]).then(function(a){
var ds=rows(a[0]),list=$('departments-list'),cats=$('categories-list'),kept={};if(again)each(cats.querySelectorAll('select'),function(s){kept[s.id]=s.value;});list.textContent='';cats.textContent='';
ds.forEach(function(x){list.appendChild(el('li',null,[el('strong',null,[deptName(x)]),' ',el('span','muted',[x.id+' · '+t('admin.structure.supervisor')+': '+x.supervisor])]));});
rows(a[1]).forEach(function(c){var id='cat-'+c.id,s=el('select');s.id=id;ds.forEach(function(x){var o=el('option',null,[deptName(x)]);o.value=x.id;s.appendChild(o);});s.value=kept[id]||c.department;
var l=el('label',null,[t('admin.structure.department',{name:deptName(c)})]);l.htmlFor=id;
cats.appendChild(el('li',null,[el('div','field',[l,s]),button(t('admin.structure.move'),function(b){send(b,'PATCH','/admin/categories/'+encodeURIComponent(c.id),{version:c.version,department:s.value},null,load);})]));});});};
`;

/** Calendar (admin): holidays and make-up workdays by date; a year imported from chinese-days. */
const calendar = `
loaders.calendar=function(){return api('GET','/admin/calendar').then(got).then(function(b){var list=$('calendar-days'),warn=$('calendar-warnings');list.textContent='';warn.textContent='';
(b.days||rows(b)).slice().sort(function(x,y){return x.date<y.date?-1:1;}).forEach(function(x){list.appendChild(el('li',null,[el('p',null,[x.date+' · '+t('admin.calendar.kind.'+x.kind)+(x.name?' · '+x.name:'')]),
button(t('admin.delete'),function(bt){send(bt,'DELETE','/admin/calendar/days/'+x.date+(x.version?'?version='+x.version:''),null,null,load);})]));});
if(!list.children.length)list.appendChild(el('li','muted',[t('admin.empty')]));
(b.warnings||[]).forEach(function(w){warn.appendChild(el('li','muted',[typeof w==='string'?w:(w.message||JSON.stringify(w))]));});});};
onSubmit($('day-form'),function(b){var f=$('day-form'),date=field(f,'date'),body={kind:field(f,'kind')};if(field(f,'name'))body.name=field(f,'name');
send(b,'PUT','/admin/calendar/days/'+encodeURIComponent(date||'-'),body,f,function(){$('c-name').value='';load();});});
onSubmit($('import-form'),function(b){var f=$('import-form'),year=Number(field(f,'year'));
send(b,'POST','/admin/calendar/import',{year:year},f,function(){after=t('admin.calendar.imported',{year:year});load();});});
`;

/** Time limits (admin) and the audit log (admin, the last 30 days). */
const limitsAndAudit = `
loaders.limits=function(){return api('GET','/admin/limits').then(got).then(function(b){limitsVersion=b.version;if(again)return;
each(d.querySelectorAll('[data-limit]'),function(x){var l=b.limits[x.getAttribute('data-limit')];if(l)x.value=l[x.getAttribute('data-part')];});});};
onSubmit($('limits-form'),function(b){var limits={};each(d.querySelectorAll('[data-limit]'),function(x){var n=x.getAttribute('data-limit'),p=x.getAttribute('data-part');limits[n]=limits[n]||{};limits[n][p]=p==='amount'?Number(x.value):x.value;});
send(b,'PATCH','/admin/limits',{version:limitsVersion,limits:limits},$('limits-form'),function(x){limitsVersion=x.version;});});
loaders.audit=function(){var to=new Date(),from=new Date(to.getTime()-30*86400000);
return api('GET','/admin/audit?'+new URLSearchParams({from:from.toISOString(),to:to.toISOString()}).toString()).then(got).then(function(b){var list=$('audit-list');list.textContent='';
rows(b).slice().reverse().forEach(function(x){var dir=x.directory||{},what=[x.action,dir.entity,dir.entry,(dir.fields||[]).join(', ')].concat(x.caseNumbers||[]).filter(Boolean).join(' · ');
var at=el('time',null,[when(x.at)]);at.setAttribute('datetime',x.at);list.appendChild(el('li',null,[at,el('p','what',[what])]));});
if(!list.children.length)list.appendChild(el('li','muted',[t('admin.empty')]));});};
`;

/** Who is signed in, then the tabs they may use. */
const start = `
function allowed(name){return name==='absences'||(name==='staff'&&(isAdmin()||has('supervisor')))||isAdmin();}
if(!store.getItem('staff.idToken'))signedOut();
else api('GET','/staff/me').then(function(r){if(!r.ok){if(r.status!==401)say(t('admin.failed'));return;}me=r.body;
$('who-name').textContent=me.name;$('who-email').textContent=me.email;show('who',true);show('admin-tabs',true);
each(d.querySelectorAll('[data-tab]'),function(b){b.hidden=!allowed(b.getAttribute('data-tab'));});pick('absences');}).catch(function(){say(t('admin.failed'));});
`;

export const adminScript = `(function(){${prelude}${core}${absences}${staff}${structure}${calendar}${limitsAndAudit}${start}})();`;

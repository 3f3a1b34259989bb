import { prelude } from './prelude';

/**
 * The inline progressive-enhancement scripts of the public pages, one per page.
 * Every page works without them (the status page explains why it cannot); the CSP
 * allows exactly these texts by hash (security.ts), so they are constants: a page
 * passes its data in `<script type="application/json" id="page-data">`.
 *
 * Plain ES2017 for the phones people actually have; no DOM built from markup strings
 * (`textContent` and `createElement` only), so nothing the API returns can inject markup.
 */

/**
 * One page's script: the shared prelude, then the page's parts, in a function of its own.
 * Called as a pure function, so a bundle that never uses a page's script leaves it out
 * (esbuild keeps a template literal with substitutions, but drops an unused pure call).
 */
const pageScript = (...parts: string[]): string => `(function(){${prelude}${parts.join('')}})();`;

/**
 * Evidence files, shared by the form and the status page: `post` sends JSON to the API;
 * `upload` asks `POST /uploads` for a presigned POST and sends the file straight to the
 * bucket, answering `{ uploadId }` for the submission's `evidence`.
 */
const uploads = `function post(path,body,token){return fetch(path,{method:'POST',headers:Object.assign({'Content-Type':'application/json',Accept:'application/json'},token?{Authorization:'Bearer '+token}:{}),body:JSON.stringify(body),cache:'no-store',credentials:'omit',referrerPolicy:'no-referrer'});}
function upload(file){return post('/uploads',{fileName:file.name.slice(0,200),contentType:file.type,size:file.size}).then(function(r){if(!r.ok)throw new Error('upload');return r.json();})
.then(function(u){var fd=new FormData();Object.keys(u.upload.fields).forEach(function(k){fd.append(k,u.upload.fields[k]);});fd.append('file',file);
return fetch(u.upload.url,{method:'POST',body:fd,credentials:'omit',referrerPolicy:'no-referrer'}).then(function(r){if(!r.ok)throw new Error('upload');return {uploadId:u.uploadId};});});}`;

/**
 * Complaint form: categories and contact hints follow the chosen kind (the markers for
 * a no-JavaScript visitor go), a code-point counter, links shown one by one, chosen files
 * uploaded first and sent as hidden `evidence.uploadId` fields, no double submit.
 */
export const formScript = /* @__PURE__ */ pageScript(`
var form=d.getElementById('complaint-form');if(!form)return;
var category=d.getElementById('f-category');
function kind(){var c=form.querySelector('input[name=kind]:checked');return c?c.value:'';}
function applyKind(){var k=kind();
each(category.options,function(o){var kinds=o.getAttribute('data-kinds');if(!kinds)return;
var fits=!k||kinds.split(' ').indexOf(k)>=0;o.hidden=!fits;o.disabled=!fits;if(!fits&&o.selected)category.value='';});
each(form.querySelectorAll('[data-for-kind]'),function(el){el.hidden=!!k&&el.getAttribute('data-for-kind')!==k;});}
each(category.options,function(o){var n=o.getAttribute('data-name');if(n)o.textContent=n;});
form.addEventListener('change',function(e){if(e.target.name==='kind')applyKind();});applyKind();
var text=d.getElementById('f-description'),counter=d.getElementById('c-description'),live=d.getElementById('l-description'),timer;
function count(){var n=Array.from(text.value.trim()).length,over=n-data.max;
counter.textContent=over>0?t('count.over',{n:over}):t('count.chars',{n:n,max:data.max});counter.classList.toggle('over',over>0);
clearTimeout(timer);timer=setTimeout(function(){live.textContent=counter.textContent;},1200);}
text.addEventListener('input',count);count();clearTimeout(timer);
var items=form.querySelectorAll('[data-evidence]'),add=d.getElementById('add-evidence'),full=d.getElementById('evidence-max');
var last=0;each(items,function(item,i){if(item.querySelector('input').value||item.classList.contains('has-error'))last=i;});
each(items,function(item,i){item.hidden=i>last;});
function moreRoom(){var next=form.querySelector('[data-evidence][hidden]');add.hidden=!next;full.hidden=!!next;return next;}
moreRoom();
add.addEventListener('click',function(){var next=moreRoom();if(!next)return;next.hidden=false;next.querySelector('input').focus();moreRoom();});
var button=d.getElementById('send'),sending=false,files=d.getElementById('f-files'),note=d.getElementById('files-note');
`, uploads, `
function ready(){sending=false;button.removeAttribute('aria-disabled');button.textContent=t('submit');}
form.addEventListener('submit',function(e){if(sending){e.preventDefault();return;}
sending=true;button.setAttribute('aria-disabled','true');button.textContent=t('submit.busy');
var chosen=Array.prototype.slice.call(files.files);if(!chosen.length)return;
e.preventDefault();note.textContent=t('evidence.files.uploading');
each(form.querySelectorAll('input[name="evidence.uploadId"]'),function(old){old.remove();});
Promise.all(chosen.map(upload)).then(function(ids){ids.forEach(function(u){var h=d.createElement('input');h.type='hidden';h.name='evidence.uploadId';h.value=u.uploadId;form.append(h);});
note.textContent='';form.submit();}).catch(function(){note.textContent=t('evidence.files.fail');ready();});});
window.addEventListener('pageshow',ready);
var summary=d.getElementById('error-summary')||d.getElementById('form-alert');if(summary)summary.focus();
`);

/** Submission result: copy buttons with a spoken confirmation, select-the-text fallback. */
export const resultScript = /* @__PURE__ */ pageScript(`
function select(el){var r=d.createRange();r.selectNodeContents(el);var s=window.getSelection();s.removeAllRanges();s.addRange(r);}
each(d.querySelectorAll('[data-copy]'),function(button){button.addEventListener('click',function(){
var source=d.getElementById(button.getAttribute('data-copy')),note=d.getElementById(button.getAttribute('data-note'));
var value=source.textContent.trim();
function done(ok){if(!ok)select(source);note.textContent=ok?t('done.copied'):t('done.copyFailed');}
function fallback(){select(source);var ok=false;try{ok=d.execCommand('copy');}catch(e){}done(ok);}
if(navigator.clipboard&&navigator.clipboard.writeText){navigator.clipboard.writeText(value).then(function(){done(true);},fallback);}else{fallback();}
});});
`);

/**
 * Status page: reads the token from the fragment (then drops it from the address
 * bar and history), looks the case up with the token in the Authorization header and
 * renders the answer. Unknown case and wrong token are one message, as in the API.
 */
export const statusScript = /* @__PURE__ */ pageScript(`
var form=d.getElementById('status-form'),caseInput=d.getElementById('f-case'),tokenInput=d.getElementById('f-token');
var button=d.getElementById('send'),alertBox=d.getElementById('status-alert'),out=d.getElementById('status-result');
var m=/(?:^#|&)token=([^&]*)/.exec(location.hash);
var g=/(?:^#|&)grant=([A-Za-z0-9_-]+)/.exec(location.hash);
if(m){try{tokenInput.value=decodeURIComponent(m[1]);}catch(e){}}
if(m||g)history.replaceState(null,'',location.pathname+location.search);
var lang=d.getElementById('lang-switch');
if(lang)lang.addEventListener('click',function(){var v=tokenInput.value.trim();if(v)lang.href=lang.href.split('#')[0]+'#token='+encodeURIComponent(v);});
function el(tag,cls,children){var e=d.createElement(tag);if(cls)e.className=cls;
(children||[]).forEach(function(c){if(c!==null&&c!==undefined&&c!=='')e.append(c);});return e;}
function when(iso){try{return new Intl.DateTimeFormat(data.language,{timeZone:data.timeZone,year:'numeric',month:'long',day:'numeric',hour:'2-digit',minute:'2-digit',hourCycle:'h23'}).format(new Date(iso));}
catch(e){return iso.slice(0,16).replace('T',' ');}}
function time(iso){var e=el('time',null,[when(iso)]);e.setAttribute('datetime',iso);return e;}
function fieldError(input,message){var box=d.getElementById('e-'+input.id.slice(2)),base=input.getAttribute('data-describedby');
box.lastChild.textContent=message;box.hidden=!message;input.parentNode.classList.toggle('has-error',!!message);
if(message){input.setAttribute('aria-invalid','true');input.setAttribute('aria-describedby',base+' '+box.id);}
else{input.removeAttribute('aria-invalid');input.setAttribute('aria-describedby',base);}return !message;}
function say(message){alertBox.lastChild.textContent=message;alertBox.hidden=!message;if(message)alertBox.focus();}
function wait(seconds){var n=Number(seconds)||60;return n<60?t('time.seconds',{n:n}):t('time.minutes',{n:Math.ceil(n/60)});}
function card(heading,children){return el('section','card',[el('h2',null,[heading])].concat(children));}
function fact(label,value){return [el('dt',null,[label]),el('dd',null,[value])];}
function render(c){
var heading=el('h2',null,[t('status.current')]);heading.id='status-heading';heading.tabIndex=-1;
var facts=el('dl','facts',[].concat(fact(t('status.caseNumber'),c.caseNumber),fact(t('status.kind'),t('kind.word.'+c.kind)),fact(t('status.receivedAt'),time(c.receivedAt)),
c.level?fact(t('status.level'),t('level.'+c.level)):[],c.priority?fact(t('status.priority'),t('priority.'+c.priority)):[]));
var history=el('ol','timeline',c.history.slice().reverse().map(function(h){
return el('li',null,[time(h.at),el('span','what',[t('state.'+h.status)]),h.note?el('p','note-text',[h.note]):null]);}));
var forms=[];
if(c.actions.supplement)forms.push(actionForm(c,'supplements','supplement',[area('text',5000)],true));
if(c.actions.feedback)forms.push(actionForm(c,'feedback','feedback',[choice('resolved',['true','false']),choice('score',['5','4','3','2','1']),area('comment',1000)],false));
if(c.actions.appeal)forms.push(actionForm(c,'appeals','appeal',[area('reasons',5000)],true));
var todo=forms.length?el('div',null,forms):el('p',null,[t('status.action.none')]);
var deadline=c.actions.appealDeadline?el('p','muted',[t('status.action.appealDeadline',{time:when(c.actions.appealDeadline)})]):null;
out.replaceChildren.apply(out,[
el('section','card',[heading,el('p',null,[el('span','state',[t('state.'+c.status)])]),el('p','state-hint',[t('state.'+c.status+'.hint')]),
c.expectedBy?el('p','expect',[t('status.expectedBy',{time:when(c.expectedBy)})]):null]),
card(t('status.details'),[facts]),
c.result?card(t('status.result'),[el('p','result-text',[c.result])]):null,
card(t('status.history'),[history]),
card(t('status.actions'),[todo,deadline]),
el('p','muted',[t('status.timeZone')])].filter(Boolean));
out.hidden=false;heading.focus();}
function area(name,max){var id='a-'+name,box=el('textarea');box.id=id;box.name=name;box.rows=4;box.maxLength=max;
var label=el('label',null,[t('status.form.'+name)]);label.htmlFor=id;return el('div','field',[label,box]);}
function choice(name,values){return el('fieldset',null,[el('legend',null,[t('status.form.'+name)])].concat(values.map(function(v){
var input=el('input');input.type='radio';input.name=name;input.value=v;input.id='a-'+name+'-'+v;var label=el('label',null,[input,' ',t('status.form.'+name+'.'+v)]);return el('div','choice',[label]);})));}
function fileField(){var input=el('input');input.type='file';input.multiple=true;input.id='a-files';input.accept='image/png,image/jpeg,application/pdf,text/plain,audio/mpeg';
var label=el('label',null,[t('status.form.files')]);label.htmlFor='a-files';return el('div','field',[label,el('span','hint',[t('status.form.files.hint')]),input]);}
`, uploads, `
function actionForm(c,path,kind,fields,files){var form=el('form','action-form',[el('h3',null,[t('status.action.'+kind)])].concat(fields,files?[fileField()]:[]));
form.id='form-'+kind;form.noValidate=true;var send=el('button','primary',[t('status.form.send.'+kind)]);send.type='submit';form.append(send);
var note=el('p','form-note');note.setAttribute('role','status');form.append(note);
form.addEventListener('submit',function(e){e.preventDefault();if(send.getAttribute('aria-disabled')==='true')return;
var body={};each(form.elements,function(f){if(f.type==='radio'){if(f.checked)body[f.name]=f.name==='score'?Number(f.value):f.value==='true';}
else if(f.tagName==='TEXTAREA'&&(f.value.trim()||f.name!=='comment'))body[f.name]=f.value;});
var chosen=files?Array.prototype.slice.call(d.getElementById('a-files').files):[];
send.setAttribute('aria-disabled','true');note.textContent=t('status.form.sending');
Promise.all(chosen.map(upload)).then(function(ids){if(ids.length)body.evidence=ids;
return post('/complaints/'+encodeURIComponent(c.caseNumber)+'/'+path,body,tokenInput.value.trim());})
.then(function(r){if(r.ok){say(t('status.form.done'));return lookUp();}
if(r.status===409){say(t('status.form.conflict'));return lookUp();}
if(r.status===400)return r.json().then(function(p){note.textContent=(p.errors||[]).map(function(x){return x.message;}).join(' ')||t('status.fail');});
note.textContent=t('status.fail');})
.catch(function(){note.textContent=t('status.form.uploadFail');})
.then(function(){send.removeAttribute('aria-disabled');});});return form;}
function redeem(grant){var caseNumber=caseInput.value.replace(/\s+/g,'').toUpperCase();if(!caseNumber)return;say(t('status.grant.busy'));
post('/complaints/'+encodeURIComponent(caseNumber)+'/access',{grant:grant}).then(function(r){if(!r.ok)return say(t('status.grant.fail'));
return r.json().then(function(a){tokenInput.value=a.accessToken;lookUp();say(t('status.grant.done',{token:a.accessToken}));});}).catch(function(){say(t('status.grant.fail'));});}
function lookUp(){
var caseNumber=caseInput.value.replace(/\\s+/g,'').toUpperCase(),token=tokenInput.value.trim();caseInput.value=caseNumber;
var caseOk=fieldError(caseInput,/^[A-Z]{2}-\\d{8}-\\d{4,}$/.test(caseNumber)?'':t('status.error.case'));
var tokenOk=fieldError(tokenInput,token?'':t('status.error.token'));
if(!caseOk||!tokenOk){(caseOk?tokenInput:caseInput).focus();return;}
say('');out.hidden=true;button.setAttribute('aria-disabled','true');button.textContent=t('status.busy');
fetch('/complaints/'+encodeURIComponent(caseNumber),{headers:{Authorization:'Bearer '+token,Accept:'application/json'},cache:'no-store',credentials:'omit',referrerPolicy:'no-referrer'})
.then(function(r){if(r.ok)return r.json().then(render);
if(r.status===404)return say(t('status.notFound'));
if(r.status===429)return say(t('status.rate',{time:wait(r.headers.get('retry-after'))}));
say(t('status.fail'));})
.catch(function(){say(t('status.fail'));})
.then(function(){button.removeAttribute('aria-disabled');button.textContent=t('status.submit');});}
form.addEventListener('submit',function(e){e.preventDefault();if(button.getAttribute('aria-disabled')!=='true')lookUp();});
if(g)redeem(g[1]);else if(caseInput.value&&tokenInput.value)lookUp();
var accessForm=d.getElementById('access-form'),aCase=d.getElementById('f-access-case'),aMail=d.getElementById('f-access-email'),aNote=d.getElementById('access-note'),aSend=d.getElementById('access-send');
accessForm.addEventListener('submit',function(e){e.preventDefault();if(aSend.getAttribute('aria-disabled')==='true')return;
var n=aCase.value.replace(/\\s+/g,'').toUpperCase(),mail=aMail.value.trim();aCase.value=n;
var caseOk=fieldError(aCase,/^[A-Z]{2}-\\d{8}-\\d{4,}$/.test(n)?'':t('status.access.error.case'));
var mailOk=fieldError(aMail,/^[^\\s@]+@[^\\s@]+$/.test(mail)?'':t('status.access.error.email'));
if(!caseOk||!mailOk){(caseOk?aMail:aCase).focus();return;}
aSend.setAttribute('aria-disabled','true');aNote.textContent=t('status.access.busy');
/* One answer whatever happens (202, 429, a network error): the page tells nobody whether the case or the address exists. */
var done=function(){aNote.textContent=t('status.access.sent');aSend.removeAttribute('aria-disabled');};
post('/complaints/'+encodeURIComponent(n)+'/access',{email:mail}).then(done,done);});
`);

/**
 * Every public page's script, for the policy of functions that may answer with any page.
 * A function answering with only some pages imports their scripts alone (register-case:
 * the form and the result), so the others stay out of its bundle.
 */
export const pageScripts = { form: formScript, result: resultScript, status: statusScript } as const;

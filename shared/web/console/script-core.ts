/**
 * The staff console script, part 1: sign-in and the staff API client. Plain ES2017
 * text (the CSP allows the whole script by hash, see ../security.ts); DOM built with
 * `createElement`/`textContent` only, so nothing the API returns can inject markup.
 * Runs after the shared prelude of ../scripts.ts (`d`, `data`, `t`, `each`).
 *
 * Signs in locally with USER_PASSWORD_AUTH at the emulator, in AWS with the hosted UI
 * (code + PKCE), on an `oidc` stage at its OpenID provider (code + PKCE by oauth4webapi:
 * `staffOidc`, ./oidc-sign-in.browser.ts); keeps the ID token in sessionStorage (this tab
 * only). `?case=` names the case to open; it is kept in sessionStorage across the redirect.
 */
export const consoleCore = `
var s=data.signIn,store=window.sessionStorage,key='staff.idToken',me=null;
function $(id){return d.getElementById(id);}
function show(id,on){$(id).hidden=!on;}
function el(tag,cls,children){var e=d.createElement(tag);if(cls)e.className=cls;
(children||[]).forEach(function(c){if(c!==null&&c!==undefined&&c!=='')e.append(c);});return e;}
function alertIn(box,text){box.hidden=!text;box.querySelector('p').textContent=text||'';if(text)box.focus();}
function say(text){alertIn($('staff-alert'),text);}
function when(iso){if(!iso)return '';try{return new Intl.DateTimeFormat(data.language,{timeZone:data.timeZone,year:'numeric',month:'2-digit',day:'2-digit',hour:'2-digit',minute:'2-digit',hourCycle:'h23'}).format(new Date(iso));}
catch(e){return String(iso).slice(0,16).replace('T',' ');}}
function time(iso){var e=el('time',null,[when(iso)]);e.setAttribute('datetime',iso);return e;}
function word(prefix,value){var k=prefix+value;return data.strings[k]?t(k):String(value);}
function busy(button,on){if(on){button.setAttribute('aria-disabled','true');button.textContent=t('staff.action.busy');}
else{button.removeAttribute('aria-disabled');button.textContent=button.getAttribute('data-label');}}
function caseParam(){return new URLSearchParams(location.search).get('case');}
function api(method,path,body){var headers={Authorization:'Bearer '+store.getItem(key),Accept:'application/json'};
if(body)headers['content-type']='application/json';
return fetch(path,{method:method,headers:headers,body:body?JSON.stringify(body):undefined,cache:'no-store',credentials:'omit'})
.then(function(r){var json=(r.headers.get('content-type')||'').indexOf('json')>=0;
return (json?r.json():Promise.resolve(null)).then(function(b){if(r.status===401)signedOut(t('staff.signin.expired'));return {status:r.status,ok:r.ok,body:b||{}};});});}
function signedOut(message){store.removeItem(key);me=null;['who','work','case','entry','reports'].forEach(function(id){show(id,false);});show('signin',true);say(message||'');
var n=caseParam();$('signin-case').hidden=!n;if(n)$('signin-case').textContent=t('staff.signin.case',{caseNumber:n});}
function signedIn(answer){me=answer;show('signin',false);say('');
$('who-name').textContent=me.name;$('who-email').textContent=me.email;
$('who-roles').textContent=me.roles.map(function(r){return t('staff.role.'+r);}).join('、')||t('staff.me.none');
$('who-departments').textContent=me.departments.map(function(x){return x.name[data.language]||x.id;}).join('、')||t('staff.me.none');
show('who',true);var back=store.getItem('staff.returnCase');store.removeItem('staff.returnCase');
if(back&&!caseParam())history.replaceState(null,'',withCase(back));route();}
function whoAmI(){if(!store.getItem(key))return signedOut();
api('GET','/staff/me').then(function(r){if(r.ok)return signedIn(r.body);if(r.status!==401)signedOut(t('staff.signin.unavailable'));})
.catch(function(){signedOut(t('staff.signin.unavailable'));});}
function keep(token){store.setItem(key,token);whoAmI();}
function b64url(bytes){return btoa(String.fromCharCode.apply(null,new Uint8Array(bytes))).split('+').join('-').split('/').join('_').replace(/=+$/,'');}
function random(){var a=new Uint8Array(32);crypto.getRandomValues(a);return b64url(a);}
if(s.kind==='local-password'){var form=$('signin-form'),send=$('signin-send'),pass=$('f-password');send.setAttribute('data-label',send.textContent);
form.addEventListener('submit',function(e){e.preventDefault();if(send.getAttribute('aria-disabled')==='true')return;
send.setAttribute('aria-disabled','true');send.textContent=t('staff.signin.busy');
fetch(s.endpoint+'/',{method:'POST',credentials:'omit',headers:{'content-type':'application/x-amz-json-1.1','x-amz-target':'AWSCognitoIdentityProviderService.InitiateAuth'},
body:JSON.stringify({AuthFlow:'USER_PASSWORD_AUTH',ClientId:s.clientId,AuthParameters:{USERNAME:$('f-email').value.trim(),PASSWORD:pass.value}})})
.then(function(r){return r.json().then(function(b){var id=b.AuthenticationResult&&b.AuthenticationResult.IdToken;
if(r.ok&&id){pass.value='';keep(id);}else say(t(r.status===400?'staff.signin.failed':'staff.signin.unavailable'));});})
.catch(function(){say(t('staff.signin.unavailable'));})
.then(function(){send.removeAttribute('aria-disabled');send.textContent=t('staff.signin.submit');});});}
if(s.kind==='hosted-ui'){
$('signin-hosted').addEventListener('click',function(){var verifier=random(),state=random();
store.setItem('staff.pkce',JSON.stringify({verifier:verifier,state:state}));if(caseParam())store.setItem('staff.returnCase',caseParam());
crypto.subtle.digest('SHA-256',new TextEncoder().encode(verifier)).then(function(h){
location.assign(s.domain+'/oauth2/authorize?'+new URLSearchParams({response_type:'code',client_id:s.clientId,redirect_uri:s.redirectUri,
scope:'openid email profile',code_challenge_method:'S256',code_challenge:b64url(h),state:state,lang:data.language}).toString());});});
var q=new URLSearchParams(location.search),code=q.get('code');
if(code){var saved=JSON.parse(store.getItem('staff.pkce')||'{}');store.removeItem('staff.pkce');history.replaceState(null,'',location.pathname);
if(!saved.state||saved.state!==q.get('state'))signedOut(t('staff.signin.failed'));
else fetch(s.domain+'/oauth2/token',{method:'POST',credentials:'omit',headers:{'content-type':'application/x-www-form-urlencoded'},
body:new URLSearchParams({grant_type:'authorization_code',client_id:s.clientId,code:code,redirect_uri:s.redirectUri,code_verifier:saved.verifier}).toString()})
.then(function(r){return r.ok?r.json().then(function(b){keep(b.id_token);}):signedOut(t('staff.signin.failed'));})
.catch(function(){signedOut(t('staff.signin.unavailable'));});}}
if(s.kind==='oidc'){
$('signin-hosted').addEventListener('click',function(){if(caseParam())store.setItem('staff.returnCase',caseParam());
staffOidc.begin(s,data.language).catch(function(){say(t('staff.signin.unavailable'));});});
var answer=new URLSearchParams(location.search);
if(answer.get('code')||answer.get('error')){var answered=location.href;history.replaceState(null,'',location.pathname);
staffOidc.complete(s,answered).then(keep).catch(function(){signedOut(t('staff.signin.failed'));});}}
$('signout').addEventListener('click',function(){store.removeItem(key);
if(s.kind==='hosted-ui')location.assign(s.domain+'/logout?'+new URLSearchParams({client_id:s.clientId,logout_uri:s.redirectUri}).toString());else signedOut();});
`;

/**
 * The staff console script, part 4: a case received by phone, letter or visit
 * (`POST /staff/cases`). Categories follow the chosen kind; the answer's access token
 * is shown once, to hand to the complainant, and the form is cleared.
 */
export const consoleEntry = `
var entryForm=$('entry-form'),kindSelect=$('e-kind'),categorySelect=$('e-category');
function fitCategories(){var k=kindSelect.value;each(categorySelect.options,function(o){var fits=o.getAttribute('data-kinds').split(' ').indexOf(k)>=0;o.hidden=!fits;o.disabled=!fits;});
if(categorySelect.selectedOptions[0]&&categorySelect.selectedOptions[0].disabled){var first=Array.prototype.find.call(categorySelect.options,function(o){return !o.disabled;});if(first)categorySelect.value=first.value;}}
kindSelect.addEventListener('change',fitCategories);fitCategories();
$('entry-open').addEventListener('click',function(){show('work',false);show('entry',true);show('entry-form',true);show('entry-done',false);say('');$('entry-title').focus();});
$('entry-cancel').addEventListener('click',function(){route();});
entryForm.addEventListener('submit',function(e){e.preventDefault();var button=entryForm.querySelector('button[type=submit]');if(button.getAttribute('aria-disabled')==='true')return;
busy(button,true);api('POST','/staff/cases',bodyOf(entryForm,{})).then(function(r){
if(r.status===201){entryForm.reset();fitCategories();show('entry-form',false);$('entry-done-title').textContent=t('staff.entry.done',{caseNumber:r.body.caseNumber});
$('entry-case').textContent=r.body.caseNumber;$('entry-token').textContent=r.body.accessToken;show('entry-done',true);$('entry-done').focus();}
else if(r.status!==401)say(problem(r));}).catch(function(){say(t('staff.action.failed'));}).then(function(){busy(button,false);});});
if(!((s.kind==='hosted-ui'||s.kind==='oidc')&&new URLSearchParams(location.search).get('code')))whoAmI();
`;

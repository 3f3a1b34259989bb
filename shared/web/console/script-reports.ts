/**
 * The staff console script, the reports view (placed before the entry part, which starts
 * the script). Supervisors and admins (the API decides: a 403 says so) pick a period and
 * see the stored report's figures (`GET /staff/reports/{period}`); its hot and major cases
 * open in the case view.
 */
export const consoleReports = `
function mayReadReports(){return me.roles.indexOf('supervisor')>=0||me.roles.indexOf('admin')>=0;}
$('reports-open').addEventListener('click',function(){show('work',false);show('reports',true);say('');$('reports-title').focus();});
$('reports-back').addEventListener('click',function(e){e.preventDefault();route();});
function figure(list,label,value){list.appendChild(el('dt',null,[label]));list.appendChild(el('dd',null,[String(value)]));}
function share(x){return x===null||x===undefined?'-':Math.round(x*1000)/10+' %';}
function num(x){return x===null||x===undefined?'-':String(x);}
function byKind(r){return Object.keys(r.received.byKind).map(function(k){return word('kind.word.',k)+' '+r.received.byKind[k];}).join('、');}
function showReport(r){var f=$('reports-figures'),subjects=$('reports-subjects'),cases=$('reports-cases');f.textContent='';subjects.textContent='';cases.textContent='';
figure(f,t('staff.reports.generatedAt'),when(r.generatedAt));
figure(f,t('staff.reports.received'),r.received.total+(r.received.total?' ('+byKind(r)+')':''));
figure(f,t('staff.reports.resolved'),r.resolved);figure(f,t('staff.reports.rejected'),r.rejected);
figure(f,t('staff.reports.handling'),num(r.handlingHours.mean)+' / '+num(r.handlingHours.p90));
figure(f,t('staff.reports.onTime'),share(r.onTimeShare));figure(f,t('staff.reports.overdue'),r.overdue);figure(f,t('staff.reports.escalated'),r.escalated);
figure(f,t('staff.reports.appeals'),r.appeals.total+' / '+r.appeals.changed);
figure(f,t('staff.reports.satisfaction'),r.satisfaction.responses+' / '+share(r.satisfaction.resolvedShare)+' / '+num(r.satisfaction.meanScore));
r.topSubjects.forEach(function(s){subjects.appendChild(el('li',null,[s.subject+' ('+s.count+')']));});
if(!r.topSubjects.length)subjects.appendChild(el('li','muted',[t('staff.reports.noCases')]));
r.hotAndMajor.forEach(function(c){var a=el('a','case-link',[c.caseNumber]);a.href=withCase(c.caseNumber);a.addEventListener('click',function(e){e.preventDefault();go(c.caseNumber);});
cases.appendChild(el('li',null,[a,' ',word('priority.',c.priority),' · ',word('state.',c.status)]));});
if(!r.hotAndMajor.length)cases.appendChild(el('li','muted',[t('staff.reports.noCases')]));
show('reports-body',true);}
$('reports-form').addEventListener('submit',function(e){e.preventDefault();var button=$('reports-show');if(button.getAttribute('aria-disabled')==='true')return;
var period=$('r-period').value.trim().toUpperCase();$('r-period').value=period;show('reports-body',false);
if(!/^\\d{4}-(\\d{2}|W\\d{2})$/.test(period)){$('reports-state').textContent=t('staff.reports.bad');return;}
busy(button,true);$('reports-state').textContent=t('staff.reports.loading');
api('GET','/staff/reports/'+encodeURIComponent(period)).then(function(r){
if(r.ok){$('reports-state').textContent='';showReport(r.body);return;}
$('reports-state').textContent=r.status===404?t('staff.reports.none'):r.status===403?t('staff.reports.forbidden'):r.status===400?t('staff.reports.bad'):r.status===401?'':t('staff.action.failed');})
.catch(function(){$('reports-state').textContent=t('staff.action.failed');})
.then(function(){busy(button,false);});});
`;

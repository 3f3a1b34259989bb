/**
 * The start of every page script, public or staff: marks the page as scripted and reads
 * the page data and its strings. Its own module so the console's bundle does not carry the
 * public pages' scripts.
 */
export const prelude = `var d=document;d.documentElement.classList.add('js');
var data=JSON.parse(d.getElementById('page-data').textContent);
function t(key,values){return (data.strings[key]||key).replace(/\\{(\\w+)\\}/g,function(w,n){return values&&Object.prototype.hasOwnProperty.call(values,n)?String(values[n]):w;});}
function each(list,fn){Array.prototype.forEach.call(list,fn);}`;

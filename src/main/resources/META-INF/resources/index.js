fetch('/api/me', {headers: {'X-Requested-With': 'fetch', 'Accept': 'application/json'}})
  .then(r => { if (r.status === 401) { location.href = '/login.html'; return null; } return r.json(); })
  .then(me => {
    if (!me) return;
    document.getElementById('username').textContent = me.username;
    document.getElementById('roles').textContent = me.roles.join(', ');
    document.getElementById('organisation').textContent =
      (me.organisation.name || '') + ' (' + me.organisation.code + ')';
    document.getElementById('me').hidden = false;
  });

"""Enterprise requests (诉求, "急难愁盼"): submitted on public forms or by staff, accepted, handled
within working-day deadlines, resolved and rated. ``operations`` holds every state change."""

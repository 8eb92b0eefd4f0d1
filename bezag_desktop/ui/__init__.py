"""The Qt front end. Only this package (and the composition root) imports Qt."""

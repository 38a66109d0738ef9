// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Ads: one impression per slot per page view, once at least half of the slot has been in view for one second.
  var slots = document.querySelectorAll("aside.ad[data-impression-url]");
  if (slots.length && "IntersectionObserver" in window && navigator.sendBeacon) {
    var timers = new Map();
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        var slot = entry.target;
        if (entry.isIntersecting && entry.intersectionRatio >= 0.5) {
          if (!timers.has(slot)) {
            timers.set(slot, setTimeout(function () {
              observer.unobserve(slot);
              if (slot.dataset.impressionSent) return;
              slot.dataset.impressionSent = "true";
              navigator.sendBeacon(slot.dataset.impressionUrl);
            }, 1000));
          }
        } else if (timers.has(slot)) {
          clearTimeout(timers.get(slot));
          timers.delete(slot);
        }
      });
    }, { threshold: [0.5] });
    slots.forEach(function (slot) { observer.observe(slot); });
  }

  // The comment form: the seed's own messages for invalid fields, and a post without a reload.
  var form = document.querySelector("form[data-part=reply]");
  if (!form || !window.fetch || !window.FormData) return;
  var message = form.querySelector("[data-part=reply-message]");
  var fields = form.querySelectorAll("[data-message]");
  fields.forEach(function (field) {
    field.addEventListener("invalid", function () {
      field.setCustomValidity(field.validity.customError || field.validity.valid ? field.validationMessage : field.dataset.message);
    });
    field.addEventListener("input", function () {
      field.setCustomValidity("");
      field.removeAttribute("aria-invalid");
      var error = document.getElementById(field.id + "-error");
      if (error) error.textContent = "";
    });
  });

  document.querySelectorAll("a[data-reply-to]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var parent = form.querySelector("input[name=parentId]");
      if (!parent) {
        parent = document.createElement("input");
        parent.type = "hidden";
        parent.name = "parentId";
        form.appendChild(parent);
      }
      parent.value = link.dataset.replyTo;
      form.scrollIntoView({ behavior: "smooth" });
      var body = form.querySelector("[name=body]");
      if (body) body.focus({ preventScroll: true });
    });
  });

  var busy = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) return;
    fields.forEach(function (field) { field.setCustomValidity(""); });
    if (!form.reportValidity()) return;
    busy = true;
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    var data = new FormData(form);
    var token = data.get("__RequestVerificationToken");
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "RequestVerificationToken": token || "" }
    }).then(function (response) {
      return response.json().catch(function () { return { status: "failed", message: "" }; });
    }).then(function (answer) {
      show(answer.status, answer.message);
      if (answer.errors) {
        Object.keys(answer.errors).forEach(function (name) {
          var field = form.querySelector("[name=" + name + "]");
          var error = field && document.getElementById(field.id + "-error");
          if (field) field.setAttribute("aria-invalid", "true");
          if (error) error.textContent = answer.errors[name];
        });
      }
      if (answer.status === "pending" || answer.status === "approved") {
        var body = form.querySelector("[name=body]");
        if (body) body.value = "";
        var parent = form.querySelector("input[name=parentId]");
        if (parent) parent.remove();
      }
    }).catch(function () {
      // The network failed: the form still works the old way.
      busy = false;
      form.submit();
    }).then(function () {
      busy = false;
      if (button) button.disabled = false;
    });
  });

  function show(status, text) {
    if (!message) return;
    message.dataset.status = status || "";
    message.textContent = text || "";
  }
})();
